// The values of the rep diagnosis sentence (repProfile.diagnosis.why.*). A figure that does not exist yet is passed
// as MISSING, which the message's ICU select turns into words ("no data yet" / «данных пока нет»): a sentence never
// shows a dash where a value is missing (docs/glossary.md).

/** The select value the diagnosis messages read as "this figure does not exist yet". */
export const MISSING = "none";

interface Figures {
  perWorkingDay: number | null;
  responseRate: number | null;
  leadToOpportunity: number | null;
}

interface Format {
  percent: (value: number) => string;
  number: (value: number) => string;
}

export function diagnosisWhyValues(own: Figures, team: Figures, format: Format) {
  const percent = (value: number | null) => (value === null || Number.isNaN(value) ? MISSING : format.percent(value));
  const one = (value: number | null) => (value === null || Number.isNaN(value) ? MISSING : format.number(Math.round(value * 10) / 10));
  return {
    perDay: one(own.perWorkingDay),
    median: one(team.perWorkingDay),
    response: percent(own.responseRate),
    medianResponse: percent(team.responseRate),
    conversion: percent(own.leadToOpportunity),
    medianConversion: percent(team.leadToOpportunity),
  };
}
