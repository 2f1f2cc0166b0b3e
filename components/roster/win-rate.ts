/** KPI.md win rate: won ÷ (won + lost); undefined when nothing closed. */
export function winRate(won: number, lost: number): number | undefined {
  return won + lost === 0 ? undefined : won / (won + lost);
}
