/** A role out of the viewer's reach, shown disabled with why, so the limit is seen rather than the role missing. */
export function RoleAboveCeiling({ role, reason }: { role: { id: string; name: string }; reason: string }) {
  return (
    <label className="flex items-center gap-2 text-zinc-600">
      <input type="checkbox" value={role.id} disabled aria-describedby={`role-above-${role.id}`} /> {role.name}
      <span id={`role-above-${role.id}`} className="text-sm">— {reason}</span>
    </label>
  );
}
