// The freemail package (https://www.npmjs.com/package/freemail) ships no types.
declare module "freemail" {
  /** Whether the address's registrable domain is a free or disposable mail provider. */
  export function isFree(email: string): boolean;
  export function isDisposable(email: string): boolean;
}
