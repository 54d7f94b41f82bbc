// A small JSON-schema check for request payloads, failing as Auth0 does: on the first problem, with
// "Payload validation error: '<problem>' on property <path> (<description>)." (400 invalid_body).
import { invalidBody } from "./errors.ts";

type Described = { description?: string };
export type Schema = Described &
  (
    | { type: "string"; minLength?: number; maxLength?: number; format?: "email" }
    | { type: "integer"; minimum?: number; maximum?: number }
    | { type: "boolean" }
    | { type: "array"; items: Schema; minItems?: number; maxItems?: number }
    | { type: "object"; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: boolean }
  );

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

/** Form-encoded payloads carry only strings; read them as the schema's scalar types. */
function coerce(schema: Schema, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (schema.type === "integer" && /^-?\d+$/.test(value)) return Number(value);
  if (schema.type === "boolean" && (value === "true" || value === "false")) return value === "true";
  if (schema.type === "array") return [value];
  return value;
}

class Problem {
  constructor(
    readonly message: string,
    readonly path: string[],
    readonly schema?: Schema,
  ) {}
}

function check(schema: Schema, input: unknown, path: string[], form: boolean): unknown {
  const value = form ? coerce(schema, input) : input;
  const fail = (message: string) => new Problem(message, path, schema);
  const actual = typeOf(value);
  if (actual !== schema.type) throw fail(`Expected type ${schema.type} but found type ${actual}`);
  switch (schema.type) {
    case "string": {
      const text = value as string;
      if (schema.minLength !== undefined && text.length < schema.minLength)
        throw fail(`String is too short (${text.length} chars), minimum ${schema.minLength}`);
      if (schema.maxLength !== undefined && text.length > schema.maxLength)
        throw fail(`String is too long (${text.length} chars), maximum ${schema.maxLength}`);
      if (schema.format === "email" && !EMAIL.test(text))
        throw fail(`Object didn't pass validation for format email: ${text}`);
      return text;
    }
    case "integer": {
      const number = value as number;
      if (schema.minimum !== undefined && number < schema.minimum)
        throw fail(`Value ${number} is less than minimum ${schema.minimum}`);
      if (schema.maximum !== undefined && number > schema.maximum)
        throw fail(`Value ${number} is greater than maximum ${schema.maximum}`);
      return number;
    }
    case "boolean":
      return value;
    case "array": {
      const items = value as unknown[];
      if (schema.minItems !== undefined && items.length < schema.minItems)
        throw fail(`Array is too short (${items.length}), minimum ${schema.minItems}`);
      if (schema.maxItems !== undefined && items.length > schema.maxItems)
        throw fail(`Array is too long (${items.length}), maximum ${schema.maxItems}`);
      return items.map((item, index) => check(schema.items, item, [...path, String(index)], form));
    }
    case "object": {
      const object = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      const missing = (schema.required ?? []).find((name) => object[name] === undefined);
      if (missing) throw fail(`Missing required property: ${missing}`);
      const extra = Object.keys(object).filter((name) => !Object.hasOwn(properties, name));
      if (schema.additionalProperties === false && extra.length > 0)
        throw fail(`Additional properties not allowed: ${extra.join(",")}`);
      return Object.fromEntries(
        Object.entries(object).map(([name, item]) => {
          const property = properties[name];
          return [name, property ? check(property, item, [...path, name], form) : item];
        }),
      );
    }
  }
}

function describe(problem: Problem): string {
  if (problem.path.length === 0) return `Payload validation error: '${problem.message}'.`;
  const description = problem.schema?.description ? ` (${problem.schema.description})` : "";
  return `Payload validation error: '${problem.message}' on property ${problem.path.join(".")}${description}.`;
}

/** The payload checked against `schema` (form strings read as numbers and booleans), or a 400. */
export function validatePayload<T>(schema: Schema, payload: { value: unknown; form: boolean }): T {
  try {
    return check(schema, payload.value ?? {}, [], payload.form) as T;
  } catch (error) {
    if (error instanceof Problem) throw invalidBody(describe(error));
    throw error;
  }
}
