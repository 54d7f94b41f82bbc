// Query-string validation in Auth0's words: unknown parameters and malformed values answer
// 400 invalid_query_string "Query validation error: '…' on property …".
import { invalidQuery } from "./errors.ts";

export type Param<T> = (values: string[], name: string) => T;
export type ParamSpec = Record<string, Param<unknown>>;
export type ParsedQuery<S extends ParamSpec> = { [K in keyof S]?: ReturnType<S[K]> };

export function queryError(message: string, property?: string) {
  return invalidQuery(`Query validation error: '${message}'${property ? ` on property ${property}` : ""}.`);
}

function single(values: string[], name: string, type: string): string {
  if (values.length > 1) throw queryError(`Expected type ${type} but found type array`, name);
  return values[0]!;
}

export function integer(minimum: number, maximum = Number.MAX_SAFE_INTEGER): Param<number> {
  return (values, name) => {
    const raw = single(values, name, "integer");
    if (!/^-?\d+$/.test(raw)) throw queryError("Expected type integer but found type string", name);
    const value = Number(raw);
    if (value < minimum) throw queryError(`Value ${value} is less than minimum ${minimum}`, name);
    if (value > maximum) throw queryError(`Value ${value} is greater than maximum ${maximum}`, name);
    return value;
  };
}

export const boolean: Param<boolean> = (values, name) => {
  const raw = single(values, name, "boolean");
  if (raw !== "true" && raw !== "false") throw queryError("Expected type boolean but found type string", name);
  return raw === "true";
};

export const text: Param<string> = (values, name) => single(values, name, "string");

export function matching(pattern: RegExp): Param<string> {
  return (values, name) => {
    const value = single(values, name, "string");
    if (!pattern.test(value)) throw queryError(`String does not match pattern ${pattern.source}: ${value}`, name);
    return value;
  };
}

/** A list given as `a,b` or as a repeated parameter. */
export const list: Param<string[]> = (values) => values.flatMap((v) => v.split(",")).filter(Boolean);

/** A comma-separated choice among `allowed`, checked by the pattern Auth0's schema uses. */
export function choiceList(allowed: readonly string[]): Param<string[]> {
  const one = `(${allowed.join("|")})`;
  const pattern = matching(new RegExp(`^(${one}(,${one})*)?$`));
  return (values, name) => pattern(values, name).split(",").filter(Boolean);
}

/** Parses the query against `spec`; a parameter the endpoint does not know is refused, as Auth0 does. */
export function parseQuery<S extends ParamSpec>(query: URLSearchParams, spec: S): ParsedQuery<S> {
  const unknown = [...new Set(query.keys())].filter((name) => !Object.hasOwn(spec, name));
  if (unknown.length > 0) throw queryError(`Additional properties not allowed: ${unknown.join(",")}`);
  const parsed: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(spec)) {
    const values = query.getAll(name);
    if (values.length > 0) parsed[name] = param(values, name);
  }
  return parsed as ParsedQuery<S>;
}
