// The path a request asked for, as proxy.ts checks it and passes it on to the pages.

/** Why a path is refused: a "%" that starts no character's UTF-8 bytes (`/orgs/%E0%A4%A`). */
export const BROKEN_PATH_MESSAGE =
  "The address is not valid: it holds a broken %-escape, so this app cannot read it. Check the link you followed, or start from the home page.";

/** Whether every %-escape in the path decodes as UTF-8. Next's router answers a path that does not with a 500. */
export function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The request header in which proxy.ts hands the pages the path and query the browser asked for, so a page can
 * send a signed-out visitor to sign in and back to the same deep link. The proxy always sets it, so a value
 * a client sends is overwritten.
 */
export const REQUESTED_PATH_HEADER = "x-requested-path";

/** The path and query asked for, without Next's own `_rsc` parameter (a client navigation's cache key). */
export function requestedPath(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.delete("_rsc");
  const search = query.size > 0 ? `?${query}` : "";
  return `${url.pathname}${search}`;
}
