"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions/authed-action";
import { FormMessage, useActionForm } from "@/components/admin/form-parts";

const buttonClass =
  "inline-flex size-9 items-center justify-center rounded-lg border border-border-strong bg-surface text-base text-foreground shadow-sm hover:bg-surface-muted disabled:cursor-not-allowed disabled:opacity-40";

/**
 * Up and down buttons for one item of an ordered list: real buttons (keyboard first, no dragging), named after the
 * item. After a move the list re-renders in its new order; focus returns to the button pressed (or to the other
 * one when the item reached an end), so the keyboard can keep moving it.
 */
export function MoveButtons<Data>({
  action,
  fields,
  canUp,
  canDown,
  upLabel,
  downLabel,
  movedLabel,
}: {
  action: (prev: ActionState<Data>, formData: FormData) => Promise<ActionState<Data>>;
  fields: Record<string, string | number>;
  canUp: boolean;
  canDown: boolean;
  upLabel: string;
  downLabel: string;
  /** Announced after a move. */
  movedLabel: string;
}) {
  const { state, pending, formProps } = useActionForm(action);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const [pressed, setPressed] = useState<"up" | "down" | null>(null);
  useEffect(() => {
    if (state.status !== "success" || pressed === null) return;
    const wanted = pressed === "up" ? (canUp ? up : down) : canDown ? down : up;
    wanted.current?.focus();
  }, [state, pressed, canUp, canDown]);
  return (
    <form {...formProps} className="flex items-center gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button ref={up} type="submit" name="direction" value="up" disabled={!canUp || pending} aria-label={upLabel} title={upLabel} onClick={() => setPressed("up")} className={buttonClass}>
        <span aria-hidden="true">↑</span>
      </button>
      <button ref={down} type="submit" name="direction" value="down" disabled={!canDown || pending} aria-label={downLabel} title={downLabel} onClick={() => setPressed("down")} className={buttonClass}>
        <span aria-hidden="true">↓</span>
      </button>
      <span role="status" className="sr-only">
        {state.status === "success" ? movedLabel : ""}
      </span>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}
