// A small JSON-schema check for request payloads, failing as Auth0 does: on the first problem, with
// "Payload validation error: '<problem>' on property <path> (<description>)." (400 invalid_body).
import { invalidBody } from "./errors.ts";

/** `nullable` stands for OpenAPI 3.1's `type: [<type>, "null"]`. */
type Described = { description?: string; nullable?: boolean };
export type StringFormat = "email" | "strict-https-uri-or-null" | "html-color" | "organization-name";
export type Schema = Described &
  (
    | { type: "string"; minLength?: number; maxLength?: number; format?: StringFormat }
    | { type: "integer"; minimum?: number; maximum?: number }
    | { type: "boolean" }
    | { type: "array"; items: Schema; minItems?: number; maxItems?: number }
    | {
        type: "object";
        properties?: Record<string, Schema>;
        required?: string[];
        /** `false` refuses other properties; a schema checks each of them. */
        additionalProperties?: boolean | Schema;
        maxProperties?: number;
        /** Not JSON Schema (draft 4 has no `propertyNames`): Auth0's documented limit on metadata keys. */
        maxPropertyNameLength?: number;
      }
  );

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const FORMATS: Record<StringFormat, RegExp> = {
  email: EMAIL,
  "strict-https-uri-or-null": /^https:\/\/[^\s/?#]+[^\s]*$/,
  "html-color": /^#(?:[0-9A-Fa-f]{3}){1,2}$/,
  // Lowercase letters, digits, "-" and "_", starting with a letter or digit (as Auth0's dashboard asks).
  "organization-name": /^[a-z0-9][a-z0-9_-]*$/,
};

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
  if (actual === "null" && schema.nullable) return null;
  if (actual !== schema.type) throw fail(`Expected type ${schema.type}${schema.nullable ? ",null" : ""} but found type ${actual}`);
  switch (schema.type) {
    case "string": {
      const text = value as string;
      if (schema.minLength !== undefined && text.length < schema.minLength)
        throw fail(`String is too short (${text.length} chars), minimum ${schema.minLength}`);
      if (schema.maxLength !== undefined && text.length > schema.maxLength)
        throw fail(`String is too long (${text.length} chars), maximum ${schema.maxLength}`);
      if (schema.format && !FORMATS[schema.format].test(text))
        throw fail(`Object didn't pass validation for format ${schema.format}: ${text}`);
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
      const names = Object.keys(object);
      if (schema.maxProperties !== undefined && names.length > schema.maxProperties)
        throw fail(`Too many properties defined (${names.length}), maximum ${schema.maxProperties}`);
      const long = schema.maxPropertyNameLength === undefined ? undefined : names.find((name) => name.length > schema.maxPropertyNameLength!);
      if (long !== undefined) throw fail(`Property name is too long (${long.length} chars), maximum ${schema.maxPropertyNameLength}`);
      const extra = names.filter((name) => !Object.hasOwn(properties, name));
      if (schema.additionalProperties === false && extra.length > 0)
        throw fail(`Additional properties not allowed: ${extra.join(",")}`);
      const additional = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
      return Object.fromEntries(
        Object.entries(object).map(([name, item]) => {
          const property = Object.hasOwn(properties, name) ? properties[name] : additional;
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
