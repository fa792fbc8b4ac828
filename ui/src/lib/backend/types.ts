// The shapes the UI works with, under short names. They come from the generated bindings, so a
// change on the Rust side shows up here as a type error, never as a silent mismatch.
export type {
  AboutDto as About,
  ErrorCode,
  FieldProblemDto as FieldProblem,
  LocalizedTextDto as LocalizedText,
  NegotiationDto as Negotiation,
  NegotiationInput,
  PartyDto as Party,
  PartyRoleDto as PartyRole,
  ShelfDto as Shelf,
  StartupDto as Startup,
  StepRefDto as StepRef,
} from "../bindings";
