import { Fragment } from "react";
import { addressPieces, splitAddresses } from "@/lib/format/address-breaks";

/**
 * An email address that wraps only right after "@", "." or "-" (a <wbr> there), never inside a word. In a
 * table the column is at least as wide as its longest piece; `break-word` only ever splits a piece wider than
 * a whole line (a narrow screen's card), where overflowing would be worse.
 */
export function EmailAddress({ address }: { address: string }) {
  return (
    <span className="wrap-break-word [word-break:normal]">
      {addressPieces(address).map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </span>
  );
}

/** A sentence whose email addresses wrap the same way. */
export function TextWithAddresses({ text }: { text: string }) {
  return splitAddresses(text).map((part, index) => (part.address ? <EmailAddress key={index} address={part.text} /> : <Fragment key={index}>{part.text}</Fragment>));
}
