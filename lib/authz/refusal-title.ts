// What a refused page is called, in its heading and its title. Refusals about the user, not the page,
// say so whatever page was asked for.
const ABOUT_THE_USER: Record<string, string> = { throttled: "Too many requests", blocked: "Your account is blocked" };

export const REFUSED_TITLE = "Access refused";

export function refusalTitle(code: string | undefined, title = REFUSED_TITLE): string {
  return (code && ABOUT_THE_USER[code]) ?? title;
}
