import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Refused } from "@/components/refused";
import { authorizeHome } from "@/lib/authz/action";
import { ownEmail } from "@/lib/email/transport";
import { settingsFor } from "@/lib/notifications/settings";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Your settings" };

export default async function SettingsPage() {
  const access = await authorizeHome();
  if (!access.ok && access.code === "unauthenticated") redirect("/login");
  if (!access.ok) return <Refused title="You cannot use this app now" message={access.message} code={access.code} />;
  const settings = await settingsFor(access.user.id);
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Your settings</h1>
      <SettingsForm outcomeEmails={settings.outcomeEmails} ownEmail={ownEmail()} />
    </section>
  );
}
