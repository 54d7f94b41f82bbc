"use client";

import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { RoleAboveCeiling } from "@/components/role-above-ceiling";
import type { FieldErrors } from "@/lib/authz/action";
import type { InviteFormOptions } from "@/lib/invitations/options";
import { EXPIRY_PRESETS, MAX_INVITER_NAME, MAX_TTL_SECONDS } from "@/lib/schemas/invitation-settings";

// The settings every invitation is sent with, shared by the invite form and the bulk form: application,
// connection, roles, expiry, email and inviter name (lib/schemas/invitation.ts `invitationSettingsShape`).

export const inputClass = "mt-1 block w-full rounded border border-zinc-400 px-3 py-2 aria-[invalid=true]:border-red-600";

export const invalid = (errors: FieldErrors, name: string) => (errors[name]?.length ? true : undefined);

type Props = {
  options: InviteFormOptions;
  errors: FieldErrors;
  defaultInviterName: string;
  support: boolean;
  /** What the connection and roles chosen here apply to, when not every invitation (a bulk list's rows). */
  defaultsHint?: string;
};

const DAY_SECONDS = 86_400;
const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** The longest expiry preset within `maxSeconds` (1 day always is: the policy's longest is at least a day). */
function longestPresetWithin(maxSeconds: number): string {
  return Object.entries(EXPIRY_PRESETS).findLast(([, preset]) => preset.seconds <= maxSeconds)?.[0] ?? "1d";
}

export function InvitationSettingsFields({ options, errors, defaultInviterName, support, defaultsHint }: Props) {
  // The delegation policy's longest expiry: longer choices are shown disabled, saying why.
  const maxDays = options.maxTtlDays;
  const maxSeconds = maxDays === undefined ? MAX_TTL_SECONDS : maxDays * DAY_SECONDS;
  const [expiry, setExpiry] = useState(() => (EXPIRY_PRESETS["7d"].seconds <= maxSeconds ? "7d" : longestPresetWithin(maxSeconds)));
  const [unit, setUnit] = useState<"days" | "hours">("days");
  const unavailable = options.applications.filter((app) => app.unavailable);
  return (
    <>
      <div>
        <label htmlFor="clientId" className="font-medium">Application</label>
        <select id="clientId" name="clientId" className={inputClass} aria-invalid={invalid(errors, "clientId")} aria-describedby={`${unavailable.length > 0 ? "clientId-hint " : ""}clientId-error`} defaultValue={options.preselectedClientId ?? ""}>
          {!options.preselectedClientId && <option value="" disabled>Choose an application</option>}
          {options.applications.map((app) => (
            <option key={app.clientId} value={app.clientId} disabled={Boolean(app.unavailable)}>
              {app.unavailable ? `${app.name} (not available)` : app.name}
            </option>
          ))}
        </select>
        {unavailable.length > 0 && (
          <ul id="clientId-hint" className="text-sm text-zinc-600">
            {unavailable.map((app) => (
              <li key={app.clientId} data-testid="unavailable-application">
                {app.name} is not available. {app.unavailable}
              </li>
            ))}
          </ul>
        )}
        <FieldError id="clientId-error" errors={errors.clientId} />
      </div>

      <div>
        <label htmlFor="connectionId" className="font-medium">Connection</label>
        {defaultsHint && <p id="connectionId-hint" className="text-sm text-zinc-600">{defaultsHint}</p>}
        <select id="connectionId" name="connectionId" className={inputClass} aria-invalid={invalid(errors, "connectionId")} aria-describedby={`${defaultsHint ? "connectionId-hint " : ""}connectionId-error`} defaultValue="">
          <option value="">Let the invitee choose</option>
          {options.connections.map((connection) => (
            <option key={connection.id} value={connection.id}>{connection.name}</option>
          ))}
        </select>
        <FieldError id="connectionId-error" errors={errors.connectionId} />
      </div>

      <fieldset aria-describedby={`${defaultsHint ? "roleIds-hint " : ""}roleIds-error`}>
        <legend className="font-medium">Roles</legend>
        {defaultsHint && <p id="roleIds-hint" className="text-sm text-zinc-600">{defaultsHint}</p>}
        {options.roles.length === 0 && <p className="text-sm text-zinc-600">You may not assign any role; invitees join without one.</p>}
        {options.roles.length + options.rolesAbove.length > 0 && (
          <div className="mt-1 flex flex-wrap gap-4">
            {options.roles.map((role) => (
              <label key={role.id} className="flex items-center gap-2">
                <input type="checkbox" name="roleIds" value={role.id} /> {role.name}
              </label>
            ))}
            {options.rolesAbove.map((role) => <RoleAboveCeiling key={role.id} role={role} reason={options.ceilingReason} />)}
          </div>
        )}
        <FieldError id="roleIds-error" errors={errors.roleIds} />
      </fieldset>

      <fieldset aria-describedby={`${maxDays === undefined ? "" : "expiry-hint "}customAmount-error`}>
        <legend className="font-medium">Expires in</legend>
        {maxDays !== undefined && (
          <p id="expiry-hint" className="text-sm text-zinc-600" data-testid="expiry-policy-hint">
            The organization&apos;s policy allows at most {plural(maxDays, "day")}: longer choices are not available.
          </p>
        )}
        <div className="mt-1 flex flex-wrap items-center gap-4">
          {Object.entries(EXPIRY_PRESETS).map(([value, preset]) => (
            <label key={value} className="flex items-center gap-2 has-disabled:text-zinc-500">
              <input type="radio" name="expiry" value={value} checked={expiry === value} disabled={preset.seconds > maxSeconds} onChange={() => setExpiry(value)} /> {preset.label}
            </label>
          ))}
          <label className="flex items-center gap-2">
            <input type="radio" name="expiry" value="custom" checked={expiry === "custom"} onChange={() => setExpiry("custom")} /> Custom
          </label>
        </div>
        {expiry === "custom" && (
          <div className="mt-2 flex items-end gap-2">
            <div>
              <label htmlFor="customAmount" className="text-sm">Custom duration</label>
              <input
                id="customAmount"
                name="customAmount"
                type="number"
                min={1}
                max={unit === "days" ? maxSeconds / DAY_SECONDS : maxSeconds / 3_600}
                className={`${inputClass} w-28`}
                aria-invalid={invalid(errors, "customAmount")}
                aria-describedby="customAmount-hint customAmount-error"
              />
            </div>
            <div>
              <label htmlFor="customUnit" className="text-sm">Unit</label>
              <select id="customUnit" name="customUnit" className={inputClass} value={unit} onChange={(event) => setUnit(event.target.value as "days" | "hours")}>
                <option value="days">days</option>
                <option value="hours">hours</option>
              </select>
            </div>
          </div>
        )}
        {expiry === "custom" && (
          <p id="customAmount-hint" className="text-sm text-zinc-600">
            At most {plural(maxSeconds / DAY_SECONDS, "day")} ({maxSeconds / 3_600} hours){maxDays === undefined ? "." : ", the organization's policy."}
          </p>
        )}
        <FieldError id="customAmount-error" errors={errors.customAmount} />
      </fieldset>

      <div>
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" name="sendEmail" defaultChecked /> Send invitation email
        </label>
        <p className="text-sm text-zinc-600">When off, you get each invitation&apos;s link to share yourself.</p>
      </div>

      <div>
        <label htmlFor="inviterName" className="font-medium">Inviter name</label>
        <p id="inviterName-hint" className="text-sm text-zinc-600">
          {support
            ? "Invitations sent by support show this name, set by your administrator; your own name is not shown."
            : `Shown to the invitee as who invited them; up to ${MAX_INVITER_NAME} characters.`}
        </p>
        <input id="inviterName" name="inviterName" defaultValue={defaultInviterName} readOnly={support} className={`${inputClass} read-only:bg-zinc-100`} aria-invalid={invalid(errors, "inviterName")} aria-describedby="inviterName-hint inviterName-error" />
        <FieldError id="inviterName-error" errors={errors.inviterName} />
      </div>
    </>
  );
}
