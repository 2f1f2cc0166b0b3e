// The pipelines an organisation can start from: each open stage with where the buyer is (DESIGN.md, section 1), what
// the buyer must know to take the next decision, a win probability and its exit criteria, in both UI languages.
// The stage names are plain B2B usage; the probabilities are the usual CRM defaults for such stages (judgement).
import type { BuyerStage } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/config";

export const PIPELINE_TEMPLATES = ["b2b", "renewals", "simple"] as const;
export type PipelineTemplateKey = (typeof PIPELINE_TEMPLATES)[number];

type Text = Record<Locale, string>;

interface TemplateStage {
  name: Text;
  buyerStage: BuyerStage;
  buyerQuestion: Text;
  probability: number;
  isFirstMeeting?: boolean;
  criteria: Text[];
}

interface Template {
  name: Text;
  open: TemplateStage[];
}

/** A pipeline to create: its open stages in order, then the won and lost ends. */
export interface PipelineSpec {
  name: string;
  open: Array<{
    name: string;
    buyerStage: BuyerStage | null;
    buyerQuestion: string | null;
    probability: number;
    isFirstMeeting: boolean;
    criteria: string[];
  }>;
  won: string;
  lost: string;
}

const ENDS = { won: { en: "Won", ru: "Выиграна" }, lost: { en: "Lost", ru: "Проиграна" } } satisfies Record<string, Text>;

const TEMPLATES: Record<PipelineTemplateKey, Template> = {
  b2b: {
    name: { en: "New business", ru: "Новые продажи" },
    open: [
      {
        name: { en: "Qualify", ru: "Квалификация" },
        buyerStage: "AWARENESS",
        buyerQuestion: { en: "Is this problem worth solving this year?", ru: "Стоит ли решать эту проблему в этом году?" },
        probability: 10,
        criteria: [
          { en: "Pain confirmed by the prospect", ru: "Клиент подтвердил проблему" },
          { en: "Budget range discussed", ru: "Обсудили порядок бюджета" },
          { en: "Decision maker identified", ru: "Известно, кто принимает решение" },
        ],
      },
      {
        name: { en: "Discovery meeting", ru: "Встреча-знакомство" },
        buyerStage: "CONSIDERATION",
        buyerQuestion: {
          en: "What would a solution change for us, and what does waiting cost us?",
          ru: "Что изменит для нас решение и во что нам обходится ожидание?",
        },
        probability: 20,
        isFirstMeeting: true,
        criteria: [
          { en: "Business impact quantified", ru: "Эффект для бизнеса оценён в цифрах" },
          { en: "Buying process mapped", ru: "Описан процесс закупки" },
          { en: "Champion agreed to a demo", ru: "Сторонник внутри согласился на демонстрацию" },
        ],
      },
      {
        name: { en: "Solution demo", ru: "Демонстрация решения" },
        buyerStage: "EVALUATION",
        buyerQuestion: { en: "Does the product fit the way our team works?", ru: "Подходит ли продукт тому, как работает наша команда?" },
        probability: 40,
        criteria: [
          { en: "Future users attended the demo", ru: "Будущие пользователи были на демонстрации" },
          { en: "Technical fit confirmed by IT", ru: "ИТ подтвердили техническую совместимость" },
          { en: "Decision date known", ru: "Известна дата решения" },
        ],
      },
      {
        name: { en: "Proposal", ru: "Коммерческое предложение" },
        buyerStage: "EVALUATION",
        buyerQuestion: { en: "Is the price justified by the value for our business?", ru: "Оправдана ли цена пользой для нашего бизнеса?" },
        probability: 60,
        criteria: [
          { en: "Proposal reviewed with the economic buyer", ru: "Предложение обсудили с тем, кто распоряжается бюджетом" },
          { en: "Pricing objections answered", ru: "Сняты возражения по цене" },
        ],
      },
      {
        name: { en: "Negotiation", ru: "Переговоры" },
        buyerStage: "DECISION",
        buyerQuestion: {
          en: "Are the terms acceptable to our procurement and legal teams?",
          ru: "Устраивают ли условия наших закупщиков и юристов?",
        },
        probability: 80,
        criteria: [
          { en: "Legal review started", ru: "Юристы начали проверку договора" },
          { en: "Procurement steps known", ru: "Известны шаги закупки" },
          { en: "Signing date agreed", ru: "Согласована дата подписания" },
        ],
      },
      {
        name: { en: "Contract sent", ru: "Договор отправлен" },
        buyerStage: "PURCHASE",
        buyerQuestion: { en: "Is everything in place for us to sign?", ru: "Всё ли готово, чтобы подписать?" },
        probability: 90,
        criteria: [
          { en: "Signatory confirmed", ru: "Подписант подтверждён" },
          { en: "Order form sent", ru: "Бланк заказа отправлен" },
        ],
      },
    ],
  },
  renewals: {
    name: { en: "Renewals", ru: "Продления" },
    open: [
      {
        name: { en: "Renewal due", ru: "Подходит срок продления" },
        buyerStage: "EVALUATION",
        buyerQuestion: { en: "Did we get the value we were promised?", ru: "Получили ли мы обещанную пользу?" },
        probability: 70,
        criteria: [
          { en: "Usage review held", ru: "Проведён разбор использования" },
          { en: "Renewal owner at the customer known", ru: "Известен ответственный за продление у клиента" },
        ],
      },
      {
        name: { en: "Renewal proposal", ru: "Предложение о продлении" },
        buyerStage: "DECISION",
        buyerQuestion: { en: "Are the new term and price acceptable?", ru: "Устраивают ли новый срок и цена?" },
        probability: 85,
        criteria: [
          { en: "Renewal quote sent", ru: "Отправлено предложение о продлении" },
          { en: "Expansion options discussed", ru: "Обсудили расширение" },
          { en: "Price change explained", ru: "Изменение цены объяснено" },
        ],
      },
      {
        name: { en: "Signature", ru: "Подписание" },
        buyerStage: "PURCHASE",
        buyerQuestion: { en: "Who signs, and by when?", ru: "Кто подписывает и к какому сроку?" },
        probability: 95,
        criteria: [
          { en: "Procurement approved", ru: "Закупка согласована" },
          { en: "Signing date agreed", ru: "Согласована дата подписания" },
        ],
      },
    ],
  },
  simple: {
    name: { en: "Sales", ru: "Продажи" },
    open: [
      {
        name: { en: "Qualified", ru: "Квалифицирована" },
        buyerStage: "CONSIDERATION",
        buyerQuestion: { en: "Do we have a problem worth solving now?", ru: "Есть ли у нас проблема, которую стоит решать сейчас?" },
        probability: 20,
        isFirstMeeting: true,
        criteria: [
          { en: "Need confirmed in a meeting", ru: "Потребность подтверждена на встрече" },
          { en: "Decision maker known", ru: "Известно, кто принимает решение" },
        ],
      },
      {
        name: { en: "Proposal", ru: "Коммерческое предложение" },
        buyerStage: "EVALUATION",
        buyerQuestion: { en: "Is this the right offer at the right price?", ru: "То ли это предложение и по той ли цене?" },
        probability: 50,
        criteria: [
          { en: "Proposal sent to the decision maker", ru: "Предложение отправлено тому, кто принимает решение" },
          { en: "Budget confirmed", ru: "Бюджет подтверждён" },
        ],
      },
      {
        name: { en: "Closing", ru: "Закрытие" },
        buyerStage: "DECISION",
        buyerQuestion: { en: "What do we still need before we sign?", ru: "Что ещё нужно, чтобы подписать?" },
        probability: 80,
        criteria: [
          { en: "Terms agreed", ru: "Условия согласованы" },
          { en: "Signing date set", ru: "Назначена дата подписания" },
        ],
      },
    ],
  },
};

/** The template's suggested pipeline name in a language (the create form's placeholder). */
export function templatePipelineName(key: PipelineTemplateKey, locale: Locale): string {
  return TEMPLATES[key].name[locale];
}

/** A template's pipeline in one language, under the name the user chose. */
export function pipelineFromTemplate(key: PipelineTemplateKey, locale: Locale, name: string): PipelineSpec {
  const template = TEMPLATES[key];
  return {
    name,
    open: template.open.map((stage) => ({
      name: stage.name[locale],
      buyerStage: stage.buyerStage,
      buyerQuestion: stage.buyerQuestion[locale],
      probability: stage.probability,
      isFirstMeeting: stage.isFirstMeeting ?? false,
      criteria: stage.criteria.map((criterion) => criterion[locale]),
    })),
    won: ENDS.won[locale],
    lost: ENDS.lost[locale],
  };
}

/** A pipeline of bare open stages (no buyer stage, question or criteria yet), for "start empty" and the CLI. */
export function pipelineFromStageNames(name: string, stages: readonly string[], locale: Locale, firstMeeting?: string): PipelineSpec {
  return {
    name,
    open: stages.map((stage) => ({
      name: stage,
      buyerStage: null,
      buyerQuestion: null,
      probability: 0,
      isFirstMeeting: firstMeeting !== undefined && stage.toLocaleLowerCase() === firstMeeting.toLocaleLowerCase(),
      criteria: [],
    })),
    won: ENDS.won[locale],
    lost: ENDS.lost[locale],
  };
}
