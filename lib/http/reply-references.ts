// Whether a server action's arguments, as React's client encodes them (encodeReply), can be decoded by React's
// server (decodeReply) without throwing. Next answers a payload that throws there with a 500; proxy.ts
// answers 400 instead. The encoding: part "0" holds the arguments as JSON, an array; a string starting with
// "$" is a typed value, and some of those refer to another part of the form by a hexadecimal id
// (react-server-dom's ReactFlightReplyServer, parseModelString).

/** Typed values that stand for themselves: "$$" (an escaped "$"), Infinity, -0, NaN, undefined, a Date, … */
const SELF_CONTAINED = new Set(["$", "I", "-", "N", "u", "D", "H", "T", "K"]);
/** Typed values whose part holds more of the model (JSON): promises, server references, Maps, Sets, iterators. */
const MODEL_REFERENCE = new Set(["@", "h", "Q", "W", "i"]);
/** Typed values whose part holds bytes or a stream: blobs, typed arrays, streams. */
const DATA_REFERENCE = new Set([..."BAOoUSsLlGgMmVRrXx"]);
const BIGINT = /^-?\d{1,300}$/;

/** The parts of an action's form, by name; for a text/plain payload, its body alone as part "0". */
export type ReplyParts = { get(name: string): FormDataEntryValue | null };

/** A text/plain payload: its body is part "0", and there is no other. */
export function textReply(body: string): ReplyParts {
  return { get: (name) => (name === "0" ? body : null) };
}

function parseJson(text: FormDataEntryValue | null): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The part a reference names ("$Q1", "$1:path:to", "$@a"), as decodeReply looks it up. */
function referencedPart(reference: string): string {
  return String(parseInt(reference.split(":")[0]!, 16));
}

/**
 * True when every part the arguments refer to is there, and each referenced model part is JSON in turn.
 * Walked with an explicit stack, so deeply nested input cannot overflow the call stack.
 */
export function decodableReply(parts: ReplyParts): boolean {
  const root = parseJson(parts.get("0"));
  if (!root.ok || !Array.isArray(root.value)) return false;
  const pending: unknown[] = [root.value];
  const walked = new Set(["0"]);
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (value !== null && typeof value === "object") pending.push(...Object.values(value));
    else if (typeof value === "string" && value.startsWith("$")) {
      const kind = value[1] ?? "";
      if (SELF_CONTAINED.has(kind)) continue;
      if (kind === "n") {
        if (!BIGINT.test(value.slice(2))) return false;
        continue;
      }
      const lettered = MODEL_REFERENCE.has(kind) || DATA_REFERENCE.has(kind);
      const name = referencedPart(value.slice(lettered ? 2 : 1));
      if (parts.get(name) === null) return false;
      if (DATA_REFERENCE.has(kind) || walked.has(name)) continue;
      const part = parseJson(parts.get(name));
      if (!part.ok) return false;
      walked.add(name);
      pending.push(part.value);
    }
  }
  return true;
}
