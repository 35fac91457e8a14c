/**
 * The training lesson that explains a refused move: the core portal shows "Learn how" links next to a stage
 * move the API refused with `help: [{courseId, lessonId, title}]`. Free of Angular and of this plugin's
 * screens, so importing it costs nothing.
 */
export interface TrainingHelp {
  courseId: string;
  lessonId?: string | null;
  title?: string;
}

/** `/training/course?id=<courseId>&lesson=<lessonId>`: a URL for `router.navigateByUrl` or an `href`. */
export function helpLinkFor(help: TrainingHelp): string {
  const query = new URLSearchParams({ id: help.courseId });
  if (help.lessonId) query.set('lesson', help.lessonId);
  return `/training/course?${query}`;
}
