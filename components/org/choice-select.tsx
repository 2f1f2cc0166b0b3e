import type { ComponentProps } from "react";
import { inputClass } from "@/components/admin/form-parts";
import type { Choice } from "./choices";

/** A select of currencies or time zones (see ./choices), styled as the forms' other inputs. */
export function ChoiceSelect({ choices, ...select }: { choices: Choice[] } & Omit<ComponentProps<"select">, "children" | "className">) {
  return (
    <select {...select} className={inputClass}>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
