// Page state of the API's cursor lists (links, audit log): the API gives only `nextCursor`, so
// "previous" walks back a stack of the cursors that led to each page. The stack starts over
// whenever the filters change.
export interface CursorPages {
  /** cursors of the pages walked so far; the first page has none */
  readonly stack: readonly (string | undefined)[];
}

export const firstPage: CursorPages = { stack: [undefined] };

export type CursorAction = { type: "next"; cursor: string } | { type: "previous" } | { type: "reset" };

export function cursorPages(state: CursorPages, action: CursorAction): CursorPages {
  switch (action.type) {
    case "next":
      return { stack: [...state.stack, action.cursor] };
    case "previous":
      return state.stack.length > 1 ? { stack: state.stack.slice(0, -1) } : state;
    case "reset":
      return firstPage;
  }
}

/** The cursor of the page shown now (undefined for the first page). */
export function currentCursor(state: CursorPages): string | undefined {
  return state.stack[state.stack.length - 1];
}

/** 1-based number of the page shown now. */
export function pageNumber(state: CursorPages): number {
  return state.stack.length;
}

export function hasPrevious(state: CursorPages): boolean {
  return state.stack.length > 1;
}
