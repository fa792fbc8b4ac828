// Pasting from Word: paragraphs and list items stay lines, styling and Word's extras go.
import { DOMParser } from "prosemirror-model";
import { cleanPastedHtml } from "./paste";
import { docToPieces, provisionSchema } from "./schema";
import { joinWording } from "./tokens";

function paste(html: string): string {
  const element = document.createElement("div");
  element.innerHTML = cleanPastedHtml(html);
  const doc = DOMParser.fromSchema(provisionSchema).parse(element);
  return joinWording(docToPieces(doc));
}

describe("pasting from Word", () => {
  it("keeps paragraphs and list items as lines and drops fonts, bold and colours", () => {
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style>p.MsoNormal{font-family:"Calibri"}</style></head>
<body><!--StartFragment--><p class=MsoNormal><b><span style='font-size:12pt;color:red'>The competent authorities</span></b> shall co-operate.<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>by informing each other;<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(b)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>by lending assistance.<o:p></o:p></p><!--EndFragment--></body></html>`;
    expect(paste(word)).toBe("The competent authorities shall co-operate.\n(a) by informing each other;\n(b) by lending assistance.");
  });

  it("reads an HTML list's items as lines", () => {
    expect(paste("<p>Either:</p><ol><li><em>first</em></li><li>second</li></ol>")).toBe("Either:\nfirst\nsecond");
  });

  it("keeps accented text and single braces as text", () => {
    expect(paste("<p>L’institution {compétente} — año</p>")).toBe("L’institution {compétente} — año");
  });
});
