import type { ImportPreset } from "./import-preset";

/** amoCRM deals export (Сделки → … → Экспорт, CSV), Russian interface: Windows-1251 or UTF-8, semicolons, DD.MM.YYYY. */
export const AMOCRM: ImportPreset = {
  name: "amocrm",
  title: "amoCRM — сделки",
  kind: "deals",
  mapping: {
    columns: {
      id: "ID",
      name: "Название сделки",
      owner: "Ответственный",
      account: "Компания",
      amount: "Бюджет",
      created: "Дата создания",
      closed: "Дата закрытия",
      stage: "Этап сделки",
    },
    values: {
      stage: {
        "Первичный контакт": "Qualify",
        "Неразобранное": "Qualify",
        Переговоры: "Discovery meeting",
        "Принимают решение": "Proposal",
        "Согласование договора": "Contract sent",
        "Успешно реализовано": "WON",
        "Закрыто и не реализовано": "LOST",
      },
    },
    dateFormat: "DD.MM.YYYY",
    decimal: ",",
    defaults: {},
  },
};
