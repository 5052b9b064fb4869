/** An area for improvement: one "what needs to improve" bullet of the inspection letter. */
export interface Area {
  planId: string;
  id: string;
  text: string;
  /** Position in the plan, from the order areas first appear in the imported spreadsheet. */
  order: number;
}
