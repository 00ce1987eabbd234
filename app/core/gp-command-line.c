/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>

#include <guidepost/guidepost.h>

#include "gp-command-host.h"
#include "gp-command-line.h"
#include "gp-flow-fields.h"

enum {
  EXIT_VALID = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static const char * const commands[] = { "--validate", "--list", "--export-sessions", "--evidence-report", "--help", "-h", "--version", NULL };
/* Options of --export-sessions: alone they are a usage error, reported here too. */
static const char * const export_options[] = { "--export-sessions", "--since", "--output", "--journal", NULL };
/* Options of --join (co-browse without a display), likewise. */
static const char * const join_options[] = { "--join", "--code", "--role", "--name", "--state", NULL };
/* Options of --evidence-report (besides --output and --journal), likewise. */
static const char * const evidence_options[] = { "--evidence-report", "--session", "--witness", NULL };
/* Options of --host (a host without a display), likewise. */
static const char * const host_options[] = { "--host", "--address", "--port", "--relay", "--admit-all", "--goal", "--problem", NULL };
static const char * const * const option_groups[] = { export_options, join_options, evidence_options, host_options };

gboolean
gp_command_line_handles (int    argc,
                         char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (g_strv_contains (commands, argv[i]))
        return TRUE;
      for (guint g = 0; g < G_N_ELEMENTS (option_groups); g++)
        for (const char * const *o = option_groups[g]; *o != NULL; o++)
          if (strcmp (argv[i], *o) == 0 || (g_str_has_prefix (argv[i], *o) && argv[i][strlen (*o)] == '='))
            return TRUE;
    }
  return FALSE;
}

static void
print_diagnostic (GpDiagnostic *diagnostic)
{
  g_autofree char *line = gp_diagnostic_to_string (diagnostic);

  g_print ("%s\n", line);
}

/* A scenario names its flow: look it up in the library the app would use. */
static GpScenario *
load_scenario (GBytes         *bytes,
               const char     *name,
               GpFlowLibrary **library,
               GPtrArray      *diagnostics,
               GError        **error)
{
  if (*library == NULL)
    *library = gp_flow_library_new ();
  return gp_scenario_load_bytes (bytes, name, *library, NULL, diagnostics, error);
}

/* Checks each file, flow or scenario (told apart by "format"); unreadable beats invalid
 * beats valid in the exit status. */
static int
validate_files (char **files)
{
  g_autoptr(GpFlowLibrary) library = NULL;
  int status = EXIT_VALID;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GpFlow) flow = NULL;
      g_autoptr(GpScenario) scenario = NULL;
      g_autoptr(GError) error = NULL;
      gboolean is_scenario = FALSE;
      guint n_errors, n_warnings;

      bytes = gp_fields_read_file (file, files[i], NULL, diagnostics, &error);
      if (bytes != NULL && (is_scenario = gp_scenario_sniff (bytes)))
        scenario = load_scenario (bytes, files[i], &library, diagnostics, &error);
      else if (bytes != NULL)
        flow = gp_flow_load_bytes (bytes, files[i], diagnostics, &error);
      for (guint d = 0; d < diagnostics->len; d++)
        print_diagnostic (g_ptr_array_index (diagnostics, d));

      if (g_error_matches (error, GP_FLOW_ERROR, GP_FLOW_ERROR_UNREADABLE))
        {
          status = EXIT_USAGE;
          continue;
        }

      n_errors = gp_diagnostics_count (diagnostics, GP_SEVERITY_ERROR);
      n_warnings = gp_diagnostics_count (diagnostics, GP_SEVERITY_WARNING);
      if (flow == NULL && scenario == NULL)
        {
          if (status == EXIT_VALID)
            status = EXIT_INVALID;
          g_printerr ("%s: invalid: %u error%s, %u warning%s\n", files[i],
                      n_errors, n_errors == 1 ? "" : "s", n_warnings, n_warnings == 1 ? "" : "s");
        }
      else if (is_scenario)
        g_printerr ("%s: valid (scenario %s %s for %s %s, %u expected practices, %u points), %u warning%s\n",
                    files[i], gp_scenario_get_id (scenario), gp_scenario_get_version (scenario),
                    gp_scenario_get_flow_id (scenario), gp_scenario_get_flow_version (scenario),
                    gp_scenario_get_n_practices (scenario), gp_scenario_get_total_points (scenario),
                    n_warnings, n_warnings == 1 ? "" : "s");
      else
        g_printerr ("%s: valid (%s %s, %u steps), %u warning%s\n", files[i],
                    gp_flow_get_id (flow), gp_flow_get_version (flow), gp_flow_get_n_steps (flow),
                    n_warnings, n_warnings == 1 ? "" : "s");
    }

  return status;
}

static int
list_library (void)
{
  g_autoptr(GpFlowLibrary) library = gp_flow_library_new ();
  GListModel *model = G_LIST_MODEL (library);
  GListModel *problems = gp_flow_library_get_problems (library);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GpFlow) flow = g_list_model_get_item (model, i);

      g_print ("%s\t%s\t%s\t%s\n", gp_flow_get_id (flow), gp_flow_get_version (flow),
               gp_flow_get_locale (flow), gp_flow_get_title (flow));
    }

  /* Broken user files are reported, but do not hide the rest of the library. */
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GpDiagnostic) diagnostic = g_list_model_get_item (problems, i);
      g_autofree char *line = gp_diagnostic_to_string (diagnostic);

      g_printerr ("%s\n", line);
    }

  return EXIT_VALID;
}

/* YYYY-MM-DD is midnight UTC; a full ISO 8601 time without a zone is UTC too. */
static GDateTime *
parse_since (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int year, month, day;
  char end;

  if (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      text[4] == '-' && text[7] == '-' && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[5]) &&
      g_ascii_isdigit (text[8]))
    return g_date_time_new_utc (year, month, day, 0, 0, 0);
  return g_date_time_new_from_iso8601 (text, utc);
}

static GOutputStream *
open_output (const char  *output,
             gboolean    *created,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;

  *created = FALSE;
  if (output == NULL || strcmp (output, "-") == 0)
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  file = g_file_new_for_commandline_arg (output);
  *created = !g_file_query_exists (file, NULL);
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
}

/* The journal a command reads: @path must exist (no empty journal is made where a path
 * was mistyped); NULL (said why) otherwise.  Without @path, the user's own. */
static GpJournal *
open_existing_journal (const char *path)
{
  g_autoptr(GError) error = NULL;
  GpJournal *journal;

  if (path != NULL && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("guidepost: journal %s: no such file\n", path);
      return NULL;
    }
  journal = path != NULL ? gp_journal_new_for_path (path, &error) : gp_journal_new_default (&error);
  if (journal == NULL)
    g_printerr ("guidepost: cannot read the journal: %s\n", error->message);
  return journal;
}

typedef gboolean (*WriteFunc) (GOutputStream  *out,
                               gpointer        data,
                               GError        **error);

/* Writes a document to @output (NULL: standard output) with @write; a failed write
 * leaves no half-written file behind.  @what names the document in messages. */
static int
write_output (const char *output,
              const char *what,
              WriteFunc   write,
              gpointer    data)
{
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *output_name = output != NULL ? output : "standard output";
  gboolean created;

  if ((out = open_output (output, &created, &error)) == NULL)
    {
      g_printerr ("guidepost: cannot write %s: %s\n", output_name, error->message);
      return EXIT_USAGE;
    }
  if (!write (out, data, &error) || !g_output_stream_close (out, NULL, &error))
    {
      g_printerr ("guidepost: %s to %s failed: %s\n", what, output_name, error->message);
      /* A cancelled close does not replace the old file. */
      g_cancellable_cancel (cancellable);
      g_output_stream_close (out, cancellable, NULL);
      if (created && output != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

          g_file_delete (file, NULL, NULL);
        }
      return EXIT_INVALID;
    }
  return EXIT_VALID;
}

typedef struct {
  GpJournal      *journal;
  GpExportFormat  format;
  GDateTime      *since;
} Export;

static gboolean
write_export (GOutputStream  *out,
              gpointer        data,
              GError        **error)
{
  Export *export = data;

  return gp_session_export (export->journal, export->format, export->since, out, NULL, error);
}

static int
export_sessions (const char *format_text,
                 const char *since_text,
                 const char *output,
                 const char *journal_path)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GpJournal) journal = NULL;
  GpExportFormat format;
  Export export;

  if (strcmp (format_text, "json") == 0)
    format = GP_EXPORT_FORMAT_JSON;
  else if (strcmp (format_text, "csv") == 0)
    format = GP_EXPORT_FORMAT_CSV;
  else
    {
      g_printerr ("guidepost: unknown export format “%s”: expected json or csv\n", format_text);
      return EXIT_USAGE;
    }
  if (since_text != NULL && (since = parse_since (since_text)) == NULL)
    {
      g_printerr ("guidepost: --since “%s” is not a date: expected YYYY-MM-DD or an ISO 8601 time\n",
                  since_text);
      return EXIT_USAGE;
    }

  /* Exporting must not create an empty journal where the user mistyped a path. */
  if ((journal = open_existing_journal (journal_path)) == NULL)
    return EXIT_USAGE;
  export = (Export) { journal, format, since };
  return write_output (output, "export", write_export, &export);
}

typedef struct {
  GpJournal          *journal;
  const char * const *session_ids;
  GpEvidenceFormat    format;
  const char         *witness;
} Report;

static gboolean
write_report (GOutputStream  *out,
              gpointer        data,
              GError        **error)
{
  Report *report = data;

  return gp_evidence_report_write (report->journal, report->session_ids, report->format, report->witness,
                                   out, NULL, error);
}

/* --evidence-report: the D4 evidence record of finished sessions (or the ones named). */
static int
evidence_report (const char  *format_text,
                 char       **session_ids,
                 const char  *witness,
                 const char  *output,
                 const char  *journal_path)
{
  g_autoptr(GpJournal) journal = NULL;
  GpEvidenceFormat format;
  Report report;

  if (strcmp (format_text, "json") == 0)
    format = GP_EVIDENCE_FORMAT_JSON;
  else if (strcmp (format_text, "html") == 0)
    format = GP_EVIDENCE_FORMAT_HTML;
  else
    {
      g_printerr ("guidepost: unknown evidence report format “%s”: expected html or json\n", format_text);
      return EXIT_USAGE;
    }
  if (witness != NULL && !g_utf8_validate (witness, -1, NULL))
    {
      g_printerr ("guidepost: --witness is not valid UTF-8\n");
      return EXIT_USAGE;
    }

  if ((journal = open_existing_journal (journal_path)) == NULL)
    return EXIT_USAGE;
  for (guint i = 0; session_ids != NULL && session_ids[i] != NULL; i++)
    if (gp_journal_find_session (journal, session_ids[i]) == NULL)
      {
        g_printerr ("guidepost: journal %s: there is no session %s\n", gp_journal_get_path (journal), session_ids[i]);
        return EXIT_USAGE;
      }

  report = (Report) { journal, (const char * const *) session_ids, format, witness };
  return write_output (output, "evidence report", write_report, &report);
}

/* --join: a peer without a display, for tests and trainers.  Prints every event of the
 * host's session as one JSON line, from the first, in seq order, nothing twice.  With
 * --state FILE the peer's state (its seat and mirror) is kept in FILE after the welcome
 * and after every event, so that a run killed midway is resumed by the next run with the
 * same FILE, which prints only the events the killed run did not. */
typedef struct {
  GMainLoop      *loop;
  GpCobrowsePeer *peer;
  GpSession      *watched;     /* the mirror whose events are printed as they come */
  const char     *state_path;
  const char     *code;        /* resuming: to join again when the seat is gone */
  gboolean        resumed;
  guint           again_id;
  guint64         printed_seq;
  int             status;
} JoinRun;

static void
join_stop (JoinRun *run,
           int      status)
{
  run->status = status;
  if (g_main_loop_is_running (run->loop))
    g_main_loop_quit (run->loop);
}

static void
join_print_events (JoinRun *run)
{
  GpSession *session = gp_cobrowse_peer_get_session (run->peer);
  GListModel *events = gp_session_get_events (session);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;

      if (gp_event_get_seq (event) <= run->printed_seq)
        continue;
      node = gp_event_to_json (event);
      line = json_to_string (node, FALSE);
      g_print ("%s\n", line);
      run->printed_seq = gp_event_get_seq (event);
    }
  fflush (stdout);
  /* Printed first, then saved: a kill in between prints that event again (with its seq),
   * never loses it. */
  if (run->state_path != NULL && !gp_cobrowse_peer_save_state_file (run->peer, run->state_path, &error))
    {
      g_printerr ("guidepost: cannot save the peer state: %s\n", error->message);
      join_stop (run, EXIT_INVALID);
      return;
    }
  if (gp_session_get_ended (session))
    join_stop (run, EXIT_VALID);
}

/* The mirror is replaced when the host has the peer rebuild it: follow the new one. */
static void
join_watch (JoinRun *run)
{
  GpSession *session = gp_cobrowse_peer_get_session (run->peer);

  if (session == run->watched)
    return;
  /* Another session altogether (a host that started a new one): print it from its start. */
  if (run->watched != NULL && session != NULL &&
      g_strcmp0 (gp_session_get_id (run->watched), gp_session_get_id (session)) != 0)
    run->printed_seq = 0;
  if (run->watched != NULL)
    g_signal_handlers_disconnect_by_data (run->watched, run);
  g_set_object (&run->watched, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "event-applied", G_CALLBACK (join_print_events), run);
}

static gboolean
join_again_cb (gpointer data)
{
  JoinRun *run = data;

  run->again_id = 0;
  gp_cobrowse_peer_rejoin (run->peer, NULL, run->code);
  return G_SOURCE_REMOVE;
}

static void
join_on_state (GpCobrowsePeer *peer,
               GParamSpec     *pspec,
               JoinRun        *run)
{
  GpSession *session = gp_cobrowse_peer_get_session (peer);

  if (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED && session != NULL)
    {
      join_watch (run);
      join_print_events (run);
    }
  else if (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CLOSED)
    {
      const GError *error = gp_cobrowse_peer_get_close_error (peer);
      gboolean seat_gone = run->resumed && g_error_matches (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_CODE);

      /* The host restarted and forgot the seat: the new code brings the missed events. */
      if (seat_gone && run->code != NULL)
        {
          run->resumed = FALSE;
          run->again_id = g_idle_add (join_again_cb, run);
          return;
        }
      if (session != NULL && gp_session_get_ended (session))
        {
          join_print_events (run);
          return;
        }
      if (seat_gone)
        g_printerr ("guidepost: the agent has let the seat go (%s): ask for a new code and run again "
                    "with --code CODE --state %s\n", error->message, run->state_path);
      else
        g_printerr ("guidepost: %s\n", error != NULL ? error->message : "the connection closed");
      join_stop (run, EXIT_INVALID);
    }
}

/* With --state FILE that exists: the peer saved there, or NULL after saying why. */
static GpCobrowsePeer *
join_resume (const char     *state_path,
             const char     *uri,
             const char     *code,
             const char     *role_text,
             GpCobrowseRole  role,
             int            *status)
{
  g_autoptr(GpCobrowsePeer) peer = NULL;
  g_autoptr(GError) error = NULL;

  peer = gp_cobrowse_peer_new_from_state_file (state_path, &error);
  if (peer == NULL)
    {
      if (error->domain == G_FILE_ERROR)
        {
          g_printerr ("guidepost: cannot read --state %s: %s\n", state_path, error->message);
          *status = EXIT_USAGE;
        }
      else
        {
          g_printerr ("guidepost: broken peer state %s\n", error->message);
          *status = EXIT_INVALID;
        }
      return NULL;
    }
  if (role_text != NULL && gp_cobrowse_peer_get_role (peer) != role)
    {
      g_printerr ("guidepost: --role %s: %s was saved by a peer that joined as %s\n", role_text, state_path,
                  gp_cobrowse_role_to_string (gp_cobrowse_peer_get_role (peer)));
      *status = EXIT_USAGE;
      return NULL;
    }
  if (strcmp (uri, gp_cobrowse_peer_get_uri (peer)) != 0 && code == NULL)
    {
      g_printerr ("guidepost: %s was saved for %s: to join %s, give its --code CODE\n",
                  state_path, gp_cobrowse_peer_get_uri (peer), uri);
      *status = EXIT_USAGE;
      return NULL;
    }
  return g_steal_pointer (&peer);
}

static int
join_session (const char *uri,
              const char *code,
              const char *role_text,
              const char *name,
              const char *state_path)
{
  GpCobrowseRole role = GP_COBROWSE_ROLE_OBSERVER;
  gboolean resume = state_path != NULL && g_file_test (state_path, G_FILE_TEST_EXISTS);
  JoinRun run = { 0 };

  if (code == NULL && !resume)
    {
      g_printerr ("guidepost: --join needs --code CODE%s\n",
                  state_path != NULL ? " (there is no peer state to resume yet)" : "");
      return EXIT_USAGE;
    }
  if (role_text != NULL &&
      (!gp_cobrowse_role_from_string (role_text, &role) ||
       (role != GP_COBROWSE_ROLE_OBSERVER && role != GP_COBROWSE_ROLE_CUSTOMER)))
    {
      g_printerr ("guidepost: --role “%s”: expected observer or customer\n", role_text);
      return EXIT_USAGE;
    }
  if (!g_str_has_prefix (uri, "ws://") && !g_str_has_prefix (uri, "wss://"))
    {
      g_printerr ("guidepost: --join “%s” is not a ws:// or wss:// address\n", uri);
      return EXIT_USAGE;
    }

  run.status = EXIT_INVALID;
  run.state_path = state_path;
  run.code = code;
  if (resume)
    {
      if ((run.peer = join_resume (state_path, uri, code, role_text, role, &run.status)) == NULL)
        return run.status;
      /* Killed after printing the end, before removing FILE: nothing is left to do. */
      if (gp_session_get_ended (gp_cobrowse_peer_get_session (run.peer)))
        {
          g_clear_object (&run.peer);
          g_unlink (state_path);
          return EXIT_VALID;
        }
      run.resumed = TRUE;
      /* Everything in the state was printed by the run that saved it. */
      run.printed_seq = gp_session_get_n_events (gp_cobrowse_peer_get_session (run.peer));
      join_watch (&run);
    }
  else
    run.peer = gp_cobrowse_peer_new (uri, code, role, name);
  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (run.peer, "notify::state", G_CALLBACK (join_on_state), &run);
  g_signal_connect_swapped (run.peer, "notify::session", G_CALLBACK (join_watch), &run);
  if (resume && strcmp (uri, gp_cobrowse_peer_get_uri (run.peer)) != 0)
    {
      /* Another address (a host restarted elsewhere): the code, with the mirror kept. */
      run.resumed = FALSE;
      gp_cobrowse_peer_rejoin (run.peer, uri, code);
    }
  else
    gp_cobrowse_peer_connect (run.peer);
  g_main_loop_run (run.loop);

  g_clear_handle_id (&run.again_id, g_source_remove);
  if (gp_cobrowse_peer_get_state (run.peer) != GP_COBROWSE_PEER_STATE_CLOSED)
    gp_cobrowse_peer_close (run.peer);
  g_signal_handlers_disconnect_by_data (run.peer, &run);
  if (run.watched != NULL)
    g_signal_handlers_disconnect_by_data (run.watched, &run);
  g_clear_object (&run.watched);
  g_clear_object (&run.peer);
  g_main_loop_unref (run.loop);
  /* The session is over: the seat and the mirror are of no more use. */
  if (run.status == EXIT_VALID && state_path != NULL)
    g_unlink (state_path);
  return run.status;
}

int
gp_command_line_run (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  gboolean validate = FALSE;
  gboolean list = FALSE;
  gboolean version = FALSE;
  g_autofree char *export_format = NULL;
  g_autofree char *since = NULL;
  g_autofree char *output = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *join = NULL;
  g_autofree char *join_code = NULL;
  g_autofree char *join_role = NULL;
  g_autofree char *join_name = NULL;
  g_autofree char *join_state = NULL;
  g_autofree char *evidence_format = NULL;
  g_auto(GStrv) evidence_sessions = NULL;
  g_autofree char *witness = NULL;
  g_autofree char *host = NULL;
  g_autofree char *host_address = NULL;
  g_autofree char *host_port = NULL;
  g_autofree char *host_relay = NULL;
  g_autofree char *host_goal = NULL;
  g_autofree char *host_problem = NULL;
  gboolean admit_all = FALSE;
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_NONE, &validate,
      "Check flow or scenario files and print every problem; exit 0 if valid, 1 if invalid, 2 if unreadable", NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "Print the flow library: id, version, locale, title", NULL },
    { "export-sessions", 0, 0, G_OPTION_ARG_STRING, &export_format,
      "Write the journal's sessions as json or csv; exit 0 if done, 1 if the export failed, 2 on a usage error", "json|csv" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, "With --export-sessions: only sessions started at or after DATE", "DATE" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "With --export-sessions: write to FILE instead of standard output", "FILE" },
    { "journal", 0, 0, G_OPTION_ARG_FILENAME, &journal, "With --export-sessions: read this journal instead of the default one", "PATH" },
    { "join", 0, 0, G_OPTION_ARG_STRING, &join,
      "Join a co-browsed session and print each event as a JSON line; exit 0 when it ends, 1 when refused or cut off, 2 on a usage error", "URI" },
    { "code", 0, 0, G_OPTION_ARG_STRING, &join_code, "With --join: the join code", "CODE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &join_role, "With --join: observer (default) or customer", "ROLE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &join_name, "With --join: the name shown to the agent", "NAME" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &join_state,
      "With --join: keep the peer's seat and events in FILE (mode 0600, removed when the session ends); "
      "if FILE exists, come back from it and print only the events not printed before (no --code needed)", "FILE" },
    { "evidence-report", 0, 0, G_OPTION_ARG_STRING, &evidence_format,
      "Write the D4 evidence record of finished sessions as html or json; exit 0 if done, 1 if it failed, 2 on a usage error", "html|json" },
    { "session", 0, 0, G_OPTION_ARG_STRING_ARRAY, &evidence_sessions, "With --evidence-report: only this session (repeatable)", "ID" },
    { "witness", 0, 0, G_OPTION_ARG_STRING, &witness, "With --evidence-report: the witness statement", "TEXT" },
    { "host", 0, 0, G_OPTION_ARG_FILENAME, &host,
      "Host an assisted session of FLOW (a library flow id or a flow file) without a display: JSON lines out, "
      "agent commands in (docs/protocol.md); exit 0 when stdin closes or on SIGTERM, 1 when it cannot host, 2 on a usage error",
      "FLOW" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &host_address, "With --host: listen on ADDR (default 127.0.0.1; 0.0.0.0 for every network)", "ADDR" },
    { "port", 0, 0, G_OPTION_ARG_STRING, &host_port, "With --host: listen on port N (default 0: a free one)", "N" },
    { "relay", 0, 0, G_OPTION_ARG_STRING, &host_relay, "With --host: also open a room in the relay at URI and give its address", "URI" },
    { "admit-all", 0, 0, G_OPTION_ARG_NONE, &admit_all, "With --host: admit every peer that knocks (otherwise answer {\"admit\": true|false} on stdin)", NULL },
    { "goal", 0, 0, G_OPTION_ARG_STRING, &host_goal, "With --host: the customer's goal recorded at the intake", "TEXT" },
    { "problem", 0, 0, G_OPTION_ARG_STRING, &host_problem, "With --host: the agreed problem recorded at the intake", "TEXT" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[FILE…]" },
    { NULL }
  };

  context = g_option_context_new ("— walk a customer through an online service");
  g_option_context_set_summary (context,
                                "Without options, opens the flow library window.");
  g_option_context_add_main_entries (context, entries, NULL);

  /* GOptionContext wants to own a copy it may rearrange. */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("guidepost: %s\nTry “guidepost --help”.\n", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("guidepost %s\n", PACKAGE_VERSION);
      return EXIT_VALID;
    }

  if (host != NULL)
    {
      if (join != NULL || validate || list || export_format != NULL || evidence_format != NULL ||
          (files != NULL && files[0] != NULL))
        {
          g_printerr ("guidepost: --host cannot be combined with other commands or files\n");
          return EXIT_USAGE;
        }
      if (join_code != NULL || join_role != NULL || join_name != NULL || join_state != NULL || since != NULL ||
          output != NULL || journal != NULL || evidence_sessions != NULL || witness != NULL)
        {
          g_printerr ("guidepost: --host takes --address, --port, --relay, --admit-all, --goal and --problem only\n");
          return EXIT_USAGE;
        }
      return gp_command_host_run (host, host_address, host_port, host_relay, admit_all, host_goal, host_problem);
    }
  if (host_address != NULL || host_port != NULL || host_relay != NULL || admit_all || host_goal != NULL ||
      host_problem != NULL)
    {
      g_printerr ("guidepost: --address, --port, --relay, --admit-all, --goal and --problem go with --host\n");
      return EXIT_USAGE;
    }

  if (join != NULL)
    {
      if (validate || list || export_format != NULL || evidence_format != NULL || (files != NULL && files[0] != NULL))
        {
          g_printerr ("guidepost: --join cannot be combined with other commands or files\n");
          return EXIT_USAGE;
        }
      return join_session (join, join_code, join_role, join_name, join_state);
    }
  if (join_code != NULL || join_role != NULL || join_name != NULL || join_state != NULL)
    {
      g_printerr ("guidepost: --code, --role, --name and --state go with --join\n");
      return EXIT_USAGE;
    }

  if (validate && list)
    {
      g_printerr ("guidepost: --validate and --list cannot be combined\n");
      return EXIT_USAGE;
    }

  if (evidence_format != NULL)
    {
      if (validate || list || export_format != NULL)
        {
          g_printerr ("guidepost: --evidence-report cannot be combined with --%s\n",
                      validate ? "validate" : list ? "list" : "export-sessions");
          return EXIT_USAGE;
        }
      if (files != NULL && files[0] != NULL)
        {
          g_printerr ("guidepost: --evidence-report takes no files (use --output FILE)\n");
          return EXIT_USAGE;
        }
      if (since != NULL)
        {
          g_printerr ("guidepost: --since goes with --export-sessions\n");
          return EXIT_USAGE;
        }
      return evidence_report (evidence_format, evidence_sessions, witness, output, journal);
    }
  if (evidence_sessions != NULL || witness != NULL)
    {
      g_printerr ("guidepost: --session and --witness go with --evidence-report\n");
      return EXIT_USAGE;
    }

  if (export_format != NULL)
    {
      if (validate || list)
        {
          g_printerr ("guidepost: --export-sessions cannot be combined with --%s\n", validate ? "validate" : "list");
          return EXIT_USAGE;
        }
      if (files != NULL && files[0] != NULL)
        {
          g_printerr ("guidepost: --export-sessions takes no files (use --output FILE)\n");
          return EXIT_USAGE;
        }
      return export_sessions (export_format, since, output, journal);
    }
  if (since != NULL || output != NULL || journal != NULL)
    {
      g_printerr ("guidepost: --since, --output and --journal go with --export-sessions\n");
      return EXIT_USAGE;
    }

  if (validate)
    {
      if (files == NULL || files[0] == NULL)
        {
          g_printerr ("guidepost: --validate needs at least one FILE\n");
          return EXIT_USAGE;
        }
      return validate_files (files);
    }

  if (list)
    {
      if (files != NULL && files[0] != NULL)
        {
          g_printerr ("guidepost: --list takes no files\n");
          return EXIT_USAGE;
        }
      return list_library ();
    }

  return EXIT_USAGE;
}
