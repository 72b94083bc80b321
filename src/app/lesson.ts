/**
 * The lesson slot: the part of the app state the lesson panel (issue 6) fills. The app keeps the slot
 * and shows the panel when a lesson is open; everything inside `data` belongs to the lesson code.
 */
export interface LessonSlice {
  /** The open lesson's id, or null when none is open (the panel is hidden). */
  id: string | null;
  /** The lesson title, for the panel heading and the page title. */
  title: string | null;
  /** Whatever the lesson code keeps (progress, goals met, hints shown); opaque to the rest of the app. */
  data: unknown;
}

export const NO_LESSON: LessonSlice = { id: null, title: null, data: null };
