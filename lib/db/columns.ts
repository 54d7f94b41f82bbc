import { timestamp } from "drizzle-orm/pg-core";

/** Every time column: with its time zone, read as a Date. */
export const time = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
