import type { ImportPreset } from "./import-preset";

/** Salesforce "Opportunities" report (Reports → Opportunities), exported as CSV in the US locale. */
export const SALESFORCE: ImportPreset = {
  name: "salesforce",
  title: "Salesforce — opportunity report",
  kind: "deals",
  mapping: {
    columns: {
      id: "Opportunity ID",
      name: "Opportunity Name",
      owner: "Opportunity Owner",
      account: "Account Name",
      type: "Type",
      amount: "Amount",
      created: "Created Date",
      closeDate: "Close Date",
      stage: "Stage",
      nextStep: "Next Step",
      forecastCategory: "Forecast Category",
    },
    values: {
      stage: {
        Prospecting: "Qualify",
        Qualification: "Qualify",
        "Needs Analysis": "Discovery meeting",
        "Value Proposition": "Solution demo",
        "Id. Decision Makers": "Solution demo",
        "Perception Analysis": "Solution demo",
        "Proposal/Price Quote": "Proposal",
        "Negotiation/Review": "Negotiation",
        "Closed Won": "WON",
        "Closed Lost": "LOST",
      },
      type: { "New Customer": "NEW", "New Business": "NEW", "Existing Customer - Upgrade": "EXPANSION", "Existing Customer - Replacement": "RENEWAL", "Existing Customer - Downgrade": "RENEWAL" },
      forecastCategory: { Pipeline: "PIPELINE", "Best Case": "BEST_CASE", Commit: "COMMIT", Omitted: "OMITTED", Closed: "COMMIT" },
    },
    dateFormat: "M/D/YYYY",
    decimal: ".",
    defaults: {},
  },
};
