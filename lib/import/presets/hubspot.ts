import type { ImportPreset } from "./import-preset";

/** HubSpot deals export (CRM → Deals → Export), default pipeline and properties. */
export const HUBSPOT: ImportPreset = {
  name: "hubspot",
  title: "HubSpot — deals",
  kind: "deals",
  mapping: {
    columns: {
      id: "Record ID",
      name: "Deal Name",
      owner: "Deal owner",
      account: "Associated Company",
      type: "Deal Type",
      amount: "Amount",
      created: "Create Date",
      closeDate: "Close Date",
      stage: "Deal Stage",
      lostReason: "Closed Lost Reason",
      nextStep: "Next step",
      forecastCategory: "Forecast category",
    },
    values: {
      stage: {
        "Appointment Scheduled": "Qualify",
        "Qualified To Buy": "Discovery meeting",
        "Presentation Scheduled": "Solution demo",
        "Decision Maker Bought-In": "Proposal",
        "Contract Sent": "Contract sent",
        "Closed Won": "WON",
        "Closed Lost": "LOST",
      },
      type: { "New Business": "NEW", "Existing Business": "EXPANSION" },
      forecastCategory: { Pipeline: "PIPELINE", "Best case": "BEST_CASE", Commit: "COMMIT", "Not forecasted": "OMITTED", "Closed won": "COMMIT" },
    },
    dateFormat: "YYYY-MM-DD",
    decimal: ".",
    defaults: {},
  },
};
