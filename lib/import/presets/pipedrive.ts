import type { ImportPreset } from "./import-preset";

/** Pipedrive deals export (Deals → … → Export filter results), English interface. */
export const PIPEDRIVE: ImportPreset = {
  name: "pipedrive",
  title: "Pipedrive — deals",
  kind: "deals",
  mapping: {
    columns: {
      id: "Deal - ID",
      name: "Deal - Title",
      owner: "Deal - Owner",
      account: "Deal - Organization",
      amount: "Deal - Value",
      created: "Deal - Deal created",
      expectedClose: "Deal - Expected close date",
      closed: "Deal - Deal closed on",
      stage: "Deal - Stage",
      status: "Deal - Status",
      lostReason: "Deal - Lost reason",
    },
    values: {
      stage: {
        "Lead In": "Qualify",
        Qualified: "Qualify",
        "Contact Made": "Discovery meeting",
        "Demo Scheduled": "Solution demo",
        "Needs Defined": "Solution demo",
        "Proposal Made": "Proposal",
        "Negotiations Started": "Negotiation",
      },
      status: { open: "OPEN", won: "WON", lost: "LOST", deleted: "LOST" },
    },
    dateFormat: "YYYY-MM-DD",
    decimal: ".",
    defaults: {},
  },
};
