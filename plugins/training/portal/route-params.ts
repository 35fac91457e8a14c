import { inject } from '@angular/core';
import type { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import type { ParamMap } from '@angular/router';

/**
 * The page's query string as a signal. Plugin routes match an exact path, so ids travel in the query; the
 * shell keeps the page when only the query changes (another lesson), so screens must follow it.
 */
export function queryParams(): Signal<ParamMap> {
  const route = inject(ActivatedRoute);
  return toSignal(route.queryParamMap, { initialValue: route.snapshot.queryParamMap });
}
