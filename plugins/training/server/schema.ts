import type { PluginSchemaMigration } from '@portal/plugin-sdk';

/**
 * The training plugin's own tables (prefix `tr_`); every row carries `portal_id` and every query filters by it.
 *
 * - Content: `tr_courses` (with its item counts, kept by the content store, for the catalogue) → `tr_lessons` (Markdown material, video link, attachments) and `tr_tests` →
 *   `tr_questions` → `tr_choices` (the correct flags live only here and leave the server only in the authoring
 *   view and after grading). `tr_lesson_help` tags lessons with the stage rules they explain (pipeline + stage codes,
 *   optionally a rule), for the help a refused move carries.
 * - Search: `tr_search`, one document per course (title + summary) and per lesson (title + material as plain text),
 *   its `tsv` built from three analyses of the same text: Ukrainian stems (made in TS, see search/uk-stemmer.ts, as a
 *   'simple' vector: stock PostgreSQL has no Ukrainian configuration), 'russian' and 'english'.
 * - Learning: `tr_lesson_progress` (a lesson done), `tr_attempts` (a test attempt: the shuffled order it was shown
 *   in, its deadline, and once graded its answers, score and per-question results), `tr_certificates` (a course
 *   passed: issued once per person and course, with a unique verification code; the name, title and score are
 *   snapshots, so a certificate reads the same after renames).
 * - Programs: `tr_assignments` (a course for a role, a department with its sub-departments, or a person, due by a
 *   date) and `tr_enrolments` (who each assignment covers, since when, due when; `active` false while the person no
 *   longer matches; `notified_at` once the overdue notice went out).
 */
export const SCHEMA: PluginSchemaMigration[] = [
  {
    timestamp: 1764900000000,
    name: 'training',
    up: [
      `CREATE TABLE tr_courses (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         code varchar(100) NOT NULL,
         source varchar(80) NOT NULL,
         locale varchar(2) NOT NULL,
         title varchar(200) NOT NULL,
         summary text,
         roles text[] NOT NULL DEFAULT '{}',
         archived boolean NOT NULL DEFAULT false,
         customized boolean NOT NULL DEFAULT false,
         lessons_total int NOT NULL DEFAULT 0,
         tests_total int NOT NULL DEFAULT 0,
         questions_total int NOT NULL DEFAULT 0,
         created_by uuid,
         created_at timestamptz(3) NOT NULL DEFAULT now(),
         updated_at timestamptz(3) NOT NULL DEFAULT now(),
         UNIQUE (portal_id, code)
       )`,
      `CREATE INDEX tr_courses_list_idx ON tr_courses (portal_id, archived, title)`,
      `CREATE TABLE tr_lessons (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         course_id uuid NOT NULL REFERENCES tr_courses(id) ON DELETE CASCADE,
         code varchar(100) NOT NULL,
         position int NOT NULL,
         title varchar(200) NOT NULL,
         material text NOT NULL DEFAULT '',
         video_url varchar(2000),
         attachments jsonb NOT NULL DEFAULT '[]',
         CONSTRAINT tr_lessons_code_uq UNIQUE (course_id, code) DEFERRABLE INITIALLY DEFERRED
       )`,
      `CREATE INDEX tr_lessons_course_idx ON tr_lessons (course_id, position)`,
      `CREATE TABLE tr_lesson_help (
         lesson_id uuid NOT NULL REFERENCES tr_lessons(id) ON DELETE CASCADE,
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         position int NOT NULL,
         pipeline varchar(63) NOT NULL,
         stage varchar(63) NOT NULL,
         rule varchar(100),
         PRIMARY KEY (lesson_id, position)
       )`,
      `CREATE INDEX tr_lesson_help_idx ON tr_lesson_help (portal_id, pipeline, stage)`,
      `CREATE TABLE tr_tests (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         course_id uuid NOT NULL REFERENCES tr_courses(id) ON DELETE CASCADE,
         code varchar(100) NOT NULL,
         position int NOT NULL,
         title varchar(200) NOT NULL,
         pass_pct int NOT NULL CHECK (pass_pct BETWEEN 1 AND 100),
         max_attempts int CHECK (max_attempts IS NULL OR max_attempts >= 1),
         time_limit_minutes int CHECK (time_limit_minutes IS NULL OR time_limit_minutes BETWEEN 1 AND 600),
         shuffle boolean NOT NULL DEFAULT true,
         CONSTRAINT tr_tests_code_uq UNIQUE (course_id, code) DEFERRABLE INITIALLY DEFERRED
       )`,
      `CREATE INDEX tr_tests_course_idx ON tr_tests (course_id, position)`,
      `CREATE TABLE tr_questions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         test_id uuid NOT NULL REFERENCES tr_tests(id) ON DELETE CASCADE,
         position int NOT NULL,
         text text NOT NULL,
         multiple boolean NOT NULL DEFAULT false
       )`,
      `CREATE INDEX tr_questions_test_idx ON tr_questions (test_id, position)`,
      `CREATE TABLE tr_choices (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         question_id uuid NOT NULL REFERENCES tr_questions(id) ON DELETE CASCADE,
         position int NOT NULL,
         text text NOT NULL,
         correct boolean NOT NULL
       )`,
      `CREATE INDEX tr_choices_question_idx ON tr_choices (question_id, position)`,
      `CREATE TABLE tr_search (
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         course_id uuid NOT NULL REFERENCES tr_courses(id) ON DELETE CASCADE,
         lesson_id uuid REFERENCES tr_lessons(id) ON DELETE CASCADE,
         title text NOT NULL,
         body text NOT NULL,
         tsv tsvector NOT NULL
       )`,
      `CREATE INDEX tr_search_tsv_idx ON tr_search USING gin (tsv)`,
      `CREATE INDEX tr_search_course_idx ON tr_search (course_id)`,
      `CREATE TABLE tr_lesson_progress (
         lesson_id uuid NOT NULL REFERENCES tr_lessons(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         done_at timestamptz NOT NULL,
         PRIMARY KEY (lesson_id, user_id)
       )`,
      `CREATE INDEX tr_lesson_progress_user_idx ON tr_lesson_progress (portal_id, user_id)`,
      `CREATE TABLE tr_attempts (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         test_id uuid NOT NULL REFERENCES tr_tests(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         status varchar(8) NOT NULL CHECK (status IN ('open', 'graded', 'expired')),
         question_order jsonb NOT NULL,
         started_at timestamptz NOT NULL,
         deadline_at timestamptz,
         finished_at timestamptz,
         answers jsonb,
         results jsonb,
         score int,
         max_score int,
         score_pct int,
         passed boolean NOT NULL DEFAULT false
       )`,
      `CREATE INDEX tr_attempts_user_idx ON tr_attempts (test_id, user_id, started_at)`,
      `CREATE INDEX tr_attempts_portal_user_idx ON tr_attempts (portal_id, user_id)`,
      `CREATE TABLE tr_certificates (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         course_id uuid NOT NULL REFERENCES tr_courses(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         code varchar(16) NOT NULL UNIQUE,
         issued_at timestamptz NOT NULL,
         user_name varchar(200) NOT NULL,
         course_title varchar(200) NOT NULL,
         score_pct int NOT NULL,
         UNIQUE (course_id, user_id)
       )`,
      `CREATE INDEX tr_certificates_user_idx ON tr_certificates (portal_id, user_id)`,
      `CREATE TABLE tr_assignments (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         course_id uuid NOT NULL REFERENCES tr_courses(id) ON DELETE CASCADE,
         role varchar(63),
         department_id uuid REFERENCES departments(id) ON DELETE CASCADE,
         user_id uuid REFERENCES users(id) ON DELETE CASCADE,
         due_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL,
         created_by uuid,
         CHECK ((role IS NOT NULL)::int + (department_id IS NOT NULL)::int + (user_id IS NOT NULL)::int = 1),
         CHECK (due_at > created_at)
       )`,
      `CREATE INDEX tr_assignments_portal_idx ON tr_assignments (portal_id, created_at DESC, id DESC)`,
      `CREATE INDEX tr_assignments_course_idx ON tr_assignments (course_id)`,
      `CREATE TABLE tr_enrolments (
         assignment_id uuid NOT NULL REFERENCES tr_assignments(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         portal_id uuid NOT NULL REFERENCES portals(id) ON DELETE CASCADE,
         enrolled_at timestamptz NOT NULL,
         due_at timestamptz NOT NULL,
         active boolean NOT NULL DEFAULT true,
         notified_at timestamptz,
         PRIMARY KEY (assignment_id, user_id)
       )`,
      `CREATE INDEX tr_enrolments_user_idx ON tr_enrolments (portal_id, user_id)`,
      `CREATE INDEX tr_enrolments_due_idx ON tr_enrolments (portal_id, due_at) WHERE active AND notified_at IS NULL`,
    ],
    down: [
      `DROP TABLE IF EXISTS tr_enrolments, tr_assignments, tr_certificates, tr_attempts, tr_lesson_progress, tr_search, tr_choices, tr_questions, tr_tests, tr_lesson_help, tr_lessons, tr_courses`,
    ],
  },
];
