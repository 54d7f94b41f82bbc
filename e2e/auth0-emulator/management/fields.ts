// `fields` and `include_fields`: which properties of each returned object Auth0 keeps.
import { boolean, choiceList, list } from "./query.ts";

/** Query parameters for field selection; with `allowed`, other names are refused as Auth0's schema does. */
export function fieldParams(allowed?: readonly string[]) {
  return { fields: allowed ? choiceList(allowed) : list, include_fields: boolean };
}

export type FieldSelection = { fields?: string[]; include_fields?: boolean };

export function selectFields<T extends object>(item: T, { fields, include_fields = true }: FieldSelection): Partial<T> {
  if (!fields || fields.length === 0) return item;
  const keep = (name: string) => fields.includes(name) === include_fields;
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep(name))) as Partial<T>;
}
