// Meeting mode's look: black on white, colours at 7:1 or more against their backgrounds (WCAG AAA for any text
// size), every control at least 48 px high with a visible label. No hover-only affordance anywhere.

const BUTTON = {
  primary: "bg-[#2e31a8] text-white border-[#2e31a8] hover:bg-[#23258a]",
  secondary: "bg-white text-black border-black hover:bg-[#eef0f4]",
  danger: "bg-white text-[#8a1f16] border-[#8a1f16] hover:bg-[#fdecea]",
} as const;

export function buttonClass(kind: keyof typeof BUTTON = "secondary", extra = ""): string {
  return `inline-flex min-h-12 items-center justify-center gap-3 rounded-xl border-2 px-5 font-semibold disabled:cursor-wait disabled:opacity-90 ${BUTTON[kind]} ${extra}`;
}

export const radioCardClass =
  "flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border-2 border-black bg-white px-4 has-[:checked]:border-[#2e31a8] has-[:checked]:bg-[#ecedfd] has-[:checked]:text-[#1c1e6e]";

export const inputClass =
  "mt-1 block min-h-12 w-full rounded-xl border-2 border-black bg-white px-3 text-black placeholder:text-[#3d4451] aria-[invalid=true]:border-[#8a1f16]";

/** A key as it reads on a keyboard. */
export const kbdClass = "inline-flex min-w-9 items-center justify-center rounded-md border-2 border-black bg-[#eef0f4] px-2 font-mono font-bold text-black";

export const muted = "text-[#3d4451]";
export const good = "text-[#075231]";
export const bad = "text-[#8a1f16]";
