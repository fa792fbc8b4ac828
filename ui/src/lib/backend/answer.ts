// Turns the generated commands' `{status, data | error}` answers into values or thrown
// BackendErrors; shared by every Tauri implementation module.
import type { ApiError } from "../bindings";
import { BackendError } from "./backend";

export type Answer<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

export async function unwrap<T>(call: () => Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call();
  } catch (error) {
    throw BackendError.from(error);
  }
  if (answer.status === "error") {
    const { code, message, problems } = answer.error;
    throw new BackendError(code, message, problems ?? []);
  }
  return answer.data;
}
