import { setLocale } from "@/lib/actions/set-locale";
import { locales } from "@/lib/i18n/config";
import { getLocale } from "@/lib/i18n/get-locale";
import { getTranslations } from "@/lib/i18n/get-translations";

/** Two buttons in a form posting to a server action: switching language needs no JavaScript. */
export async function LanguageSwitch({ tone = "light" }: { tone?: "light" | "dark" }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("language")]);
  const frame = tone === "dark" ? "border-white/30 bg-white/5" : "border-border bg-surface";
  const idle =
    tone === "dark"
      ? "text-brand-muted hover:bg-white/10 hover:text-brand-foreground"
      : "text-muted hover:bg-surface-muted hover:text-foreground";
  const active = tone === "dark" ? "bg-white text-brand" : "bg-accent text-accent-foreground";
  return (
    <form action={setLocale} aria-label={t("label")} className={`inline-flex rounded-lg border p-0.5 text-sm ${frame}`}>
      {locales.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          aria-pressed={option === locale}
          className={`min-h-8 rounded-md px-2.5 font-medium transition-colors ${option === locale ? active : idle}`}
        >
          {t(option)}
        </button>
      ))}
    </form>
  );
}
