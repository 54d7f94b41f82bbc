// The app's session and throttling settings in the end-to-end run (playwright.config.ts gives them to the
// app; the specs that test them read them here). Page views and actions keep the app's defaults, which no
// other spec comes near; the blocked flag is trusted for 15 s instead of 60, so the blocked-user test waits
// less, while a test that counts Auth0 calls finds the flag still cached from its own first page.
export const APP_LIMITS = {
  BLOCKED_CHECK_SECONDS: 15,
  THROTTLE_USER_VIEWS_PER_MINUTE: 120,
} as const;
