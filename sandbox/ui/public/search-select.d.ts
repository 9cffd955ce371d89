// Types of search-select.js for the tests that import it.
export interface Choice {
  value: string;
  label: string;
  detail?: string;
}
export function matchChoices(choices: Choice[], query: string): Choice[];
