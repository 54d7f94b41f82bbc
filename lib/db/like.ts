const escaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching `text` anywhere, with its own %, _ and \ taken literally. */
export const containing = (text: string) => `%${escaped(text)}%`;

/** A LIKE pattern matching what ends with `text`, taken literally. */
export const endingWith = (text: string) => `%${escaped(text)}`;

/** A LIKE pattern matching what starts with `text`, taken literally. */
export const startingWith = (text: string) => `${escaped(text)}%`;
