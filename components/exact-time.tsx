import { relativeTime } from "@/lib/format/relative-time";
import { utcText } from "@/lib/format/exact-time";

/** A relative time ("in 7 days") with the exact time beside it, so neither has to be guessed. */
export function ExactTime({ iso, text }: { iso: string; text?: string }) {
  return (
    <time dateTime={iso} className="block">
      {text ?? relativeTime(iso)}
      <span className="block text-xs text-zinc-600">{utcText(iso)}</span>
    </time>
  );
}
