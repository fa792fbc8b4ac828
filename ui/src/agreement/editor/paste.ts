// Pasting from Word (or a web page) into the provision editor.
//
// Contract: `cleanPastedHtml` takes the clipboard's HTML and returns HTML whose paragraphs and
// list items ProseMirror's parser reads as paragraphs (the schema has no marks, so bold,
// colours and fonts fall away by themselves). It removes what Word adds around the text:
// conditional comments, <style>/<meta>/<xml> blocks, `<o:p>` tags, and the run of
// non-breaking spaces Word uses to pad a list marker ("(a)&nbsp;&nbsp;&nbsp;" becomes "(a) ").
// List items of an HTML list get no marker text: the marker is the list's, not the wording's.
export function cleanPastedHtml(html: string): string {
  return (
    html
      // Word's conditional comments (<!--[if !supportLists]-->…<!--[endif]-->) keep the marker
      // between them; only the comment tags go.
      .replace(/<!--\[if[^\]]*\]>|<!\[endif\]-->|<!--\[endif\]-->|<!\[if[^\]]*\]>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(style|meta|xml|title|head)[^>]*>[\s\S]*?<\/\1>/gi, "")
      .replace(/<meta[^>]*>/gi, "")
      .replace(/<\/?o:p[^>]*>/gi, "")
      // The padding after a list marker: a span of non-breaking spaces in a tiny font.
      .replace(/<span[^>]*>(?:\s|&nbsp;|\u00a0)+<\/span>/gi, " ")
      .replace(/(?:&nbsp;|\u00a0){2,}/g, " ")
  );
}
