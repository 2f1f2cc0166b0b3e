// Invented names and the texts the demo reads with. People, companies and products do not exist.

export const ORGANISATION_NAME = "Brightfield Analytics";
export const ORGANISATION_CURRENCY = "EUR";
// Not UTC on purpose: month and year boundaries then differ from UTC, so time-zone handling is exercised.
export const ORGANISATION_TIME_ZONE = "Europe/Berlin";

export const FIRST_NAMES = [
  "Anna", "Jonas", "Lea", "Mats", "Sofia", "Tobias", "Clara", "Felix", "Mila", "Jan", "Nora", "Erik", "Ida",
  "Lukas", "Hanna", "Paul", "Greta", "Oskar", "Lina", "David", "Marta", "Ben", "Elena", "Noah", "Julia", "Leon",
  "Sara", "Max", "Emma", "Timo", "Alina", "Simon", "Olga", "Ivan", "Nina", "Daniel", "Vera", "Mark", "Irina",
  "Pavel", "Laura", "Tom", "Katja", "Anton", "Eva", "Robin", "Maria", "Samuel", "Ines", "Milan", "Zoe", "Kai",
  "Lotte", "Jakob", "Amelie", "Hugo", "Rosa", "Viktor", "Helena", "Theo",
] as const;

export const LAST_NAMES = [
  "Adler", "Brandt", "Costa", "Dietrich", "Engel", "Falk", "Graf", "Hartmann", "Iversen", "Jansen", "Keller",
  "Lorenz", "Maier", "Novak", "Olsen", "Petrov", "Quast", "Richter", "Sommer", "Thalberg", "Ulrich", "Vogel",
  "Winter", "Young", "Zeller", "Albers", "Berger", "Claes", "Dahl", "Ebert", "Fuchs", "Gruber", "Holm",
  "Ilves", "Jung", "Kraus", "Lang", "Moreau", "Nilsson", "Orlov", "Pohl", "Rossi", "Schulz", "Teller",
  "Urban", "Varga", "Weiss", "Xander", "Yilmaz", "Zimmer", "Arndt", "Bauer", "Carlsen", "Dorn", "Eller",
  "Frey", "Giese", "Haas", "Imhof", "Jordan", "Kovac", "Lindgren", "Mertens", "Nowak", "Ostrowski", "Pfeiffer",
  "Roth", "Stein", "Thiel", "Unger", "Voss", "Wagner", "Zander", "Beck", "Cramer", "Dreyer", "Eckert", "Funke",
] as const;

const COMPANY_STEMS = [
  "Alder", "Bluefern", "Copperline", "Driftwood", "Eastgate", "Fernhill", "Granitebay", "Harborview", "Ironleaf",
  "Juniper", "Kestrel", "Larkspur", "Meridale", "Northbeam", "Oakridge", "Pinecrest", "Quarrystone", "Redwater",
  "Silverpeak", "Tidewell", "Umberfield", "Valemont", "Westbrook", "Yarrowby", "Zephyrine", "Amberly", "Birchmont",
  "Cobaltis", "Dunmore", "Elmstead", "Falcon Ridge", "Goldmoor", "Hollins", "Islay", "Kingsford", "Lumen Park",
  "Marlow", "Nettlefield", "Orchard Lane", "Pebblecourt", "Ravensworth", "Saltmarsh", "Thornbury", "Upland",
  "Vireo", "Wrenfield", "Ashgrove", "Brackwater", "Cinderby", "Deepwell",
] as const;
const COMPANY_SECTORS = [
  ["Logistics", "Logistics"], ["Foods", "Food & beverage"], ["Health", "Healthcare"], ["Energy", "Energy"],
  ["Retail", "Retail"], ["Robotics", "Manufacturing"], ["Insurance", "Financial services"], ["Media", "Media"],
  ["Systems", "Software"], ["Pharma", "Life sciences"], ["Textiles", "Manufacturing"], ["Mobility", "Transport"],
  ["Finance", "Financial services"], ["Software", "Software"], ["Materials", "Manufacturing"], ["Telecom", "Telecommunications"],
] as const;
const COMPANY_SUFFIXES = ["GmbH", "AG", "Ltd", "B.V.", "SE", "S.A.", "AB", "Group"] as const;

export function companyName(stem: number, sector: number, suffix: number): { name: string; industry: string } {
  const s = COMPANY_SECTORS[sector % COMPANY_SECTORS.length] ?? COMPANY_SECTORS[0];
  return {
    name: `${COMPANY_STEMS[stem % COMPANY_STEMS.length]} ${s[0]} ${COMPANY_SUFFIXES[suffix % COMPANY_SUFFIXES.length]}`,
    industry: s[1],
  };
}
export const COMPANY_PARTS = { stems: COMPANY_STEMS.length, sectors: COMPANY_SECTORS.length, suffixes: COMPANY_SUFFIXES.length };

export const REGIONS = ["DACH", "Nordics", "Benelux", "UK & Ireland", "France", "Southern Europe", "Central & Eastern Europe"] as const;

export const AE_TEAM_NAMES = ["Team North", "Team South", "Team West", "Team East", "Team Central", "Team Alpine", "Team Baltic", "Team Rhine"] as const;

export const PRODUCTS = [
  "Insight Suite", "Forecast Studio", "Pulse Dashboards", "DataBridge Connectors", "Ledgerline Reporting", "Signal Alerts",
] as const;
export const EXPANSION_PRODUCTS = ["extra seats", "DataBridge add-on", "Premium support", "Signal Alerts add-on", "second business unit"] as const;

export const LOST_REASONS_EARLY = ["No budget", "Not a fit", "No response", "Timing: not a priority this year"] as const;
export const LOST_REASONS_MID = ["Chose a competitor", "No decision", "Timing: not a priority this year", "Built in-house"] as const;
export const LOST_REASONS_LATE = ["Price", "Chose a competitor", "Procurement blocked", "Champion left the company", "No decision"] as const;
export const LOST_REASONS_RENEWAL = ["Switched to a competitor", "Budget cut", "Product gaps", "Company acquired", "Low usage"] as const;

export const NEXT_STEPS_BY_STAGE: readonly (readonly string[])[] = [
  ["Book discovery meeting", "Confirm pain with the team lead", "Send case study and propose a call"],
  ["Map the buying process with the champion", "Quantify the business impact", "Book demo with the users"],
  ["Run demo for the finance team", "Agree success criteria", "Technical check with IT"],
  ["Walk the economic buyer through the proposal", "Send revised proposal", "Answer pricing questions"],
  ["Legal review of the contract", "Meet procurement", "Agree signing date"],
  ["Chase signature", "Confirm signatory", "Send order form"],
];
export const RENEWAL_NEXT_STEPS: readonly (readonly string[])[] = [
  ["Hold usage review", "Identify renewal owner at the customer"],
  ["Send renewal quote", "Discuss expansion options"],
  ["Chase signature", "Confirm procurement steps"],
];

export const COACHING_TOPICS_AE = [
  "Discovery questions", "Objection handling: price", "Pipeline hygiene", "Call review", "Negotiation",
  "Forecast discipline", "Account planning", "Demo storytelling", "Multi-threading deals", "Time management",
] as const;
export const COACHING_TOPICS_SDR = [
  "Cold-call openers", "Email personalisation", "Qualification criteria", "Hand-over notes", "Call review",
  "Social selling", "Time blocking", "Objection handling: not interested",
] as const;
export const COACHING_NOTES = [
  "Listened to two recorded calls together; agreed to ask more open questions.",
  "Walked the open deals one by one; two need a next step.",
  "Role-played the price objection.",
  "Reviewed last month's activity mix against the team.",
  "Went through three emails that got no reply and rewrote one together.",
  "Good progress since last session.",
  "Prepared the next meeting with the economic buyer.",
] as const;
export const COMMITMENTS = [
  // Metrics are keys of the catalogue (lib/review/metric-catalogue.ts); a rate's target is in percent.
  { text: "Book first meetings from inbound leads within two days", metric: "meetings", target: 6 },
  { text: "Log a next step on every open deal", metric: null, target: null },
  { text: "Call dormant accounts", metric: "calls", target: 15 },
  { text: "Send a recap email within 24 h of every demo", metric: null, target: null },
  { text: "Answer every exit criterion before moving a deal", metric: "compliance", target: 90 },
  { text: "Multi-thread the two largest deals", metric: "meetings", target: 3 },
  { text: "Personalise the first line of every outbound email", metric: "emailResponseRate", target: 5 },
  { text: "Block two hours of calling every morning", metric: "calls", target: 40 },
] as const;
export const COMMITMENT_MISSED_NOTES = ["Ran out of time at month end.", "Deals slipped; will retry next month.", "Was on holiday part of the period."] as const;
export const MEETING_NOTES = [
  "Walked all open deals; focus on proposals older than three weeks.",
  "Forecast review before month end.",
  "Short meeting: half the team at a customer event.",
  "Cleaned up close dates in the past.",
] as const;
export const DECISION_NOTES: Record<string, readonly string[]> = {
  ADVANCE: ["Criteria met, move to the next stage.", "Buyer confirmed the next step."],
  HOLD: ["Waiting for the buyer's budget round.", "Keep in stage until the champion confirms."],
  MOVE_BACK: ["Exit criteria not met; back to the previous stage.", "New stakeholder, redo discovery."],
  CLOSE_LOST: ["No response for a month; close as lost.", "Buyer chose a competitor."],
  UPDATE_NEXT_STEP: ["Next step added: meeting with the economic buyer.", "Next step added: send revised proposal."],
  UPDATE_CLOSE_DATE: ["Close date moved to next month.", "Close date moved after procurement review."],
  ESCALATE: ["Manager joins the next call.", "Ask the VP for an executive sponsor meeting."],
};
