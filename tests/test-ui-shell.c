/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window as a whole: library ↔ session navigation, the Continue and Recent
 * lists from the journal, hand-off codes, the sessions view and its export, settings
 * (window size, text size, style), 360 px and dark. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <guidepost/guidepost.h>
#include <guidepost/gp-handoff.h>
#include <guidepost/gp-session-export.h>

#include "gp-application.h"
#include "gp-evidence-window.h"
#include "gp-flow-row.h"
#include "gp-journal-row.h"
#include "gp-preferences-window.h"
#include "gp-replay-window.h"
#include "gp-session-view.h"
#include "gp-sessions-window.h"
#include "gp-window.h"
#include "gp-session-test-utils.h"
#include "gp-test-ui.h"

#define BUNDLED_FLOWS RESOURCE_BASE "/flows"
#define BANK_FLOW_ID "regain-online-banking"
#define PARKING_FLOW_ID "renew-parking-permit"
#define NARROW_WIDTH 360

static GpApplication *app;

static const char * const test_languages[] = { "en_GB", "en", "C", NULL };

typedef struct {
  GpFlowLibrary *library;
  GpJournal     *journal;
  GpWindow      *window;
  char          *unfinished_id;
  char          *finished_id;
} Fixture;

static gpointer
window_child (Fixture    *f,
              const char *name)
{
  return gp_test_child (f->window, GP_TYPE_WINDOW, name);
}

/* One session stopped at the second step, one completed. */
static void
fill_journal (Fixture *f)
{
  GpFlow *bank = gp_flow_library_lookup (f->library, BANK_FLOW_ID);
  GpFlow *parking = gp_flow_library_lookup (f->library, PARKING_FLOW_ID);
  g_autoptr(GpSession) unfinished = NULL;
  g_autoptr(GpSession) finished = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bank);
  g_assert_nonnull (parking);

  finished = gp_session_new (parking, GP_SESSION_MODE_ASSISTED, "renew my permit", GP_FAMILIARITY_FAMILIAR,
                             "Renew the parking permit", GP_EVENT_SINK (f->journal));
  gp_session_end (finished, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, &error);
  g_assert_no_error (error);
  f->finished_id = g_strdup (gp_session_get_id (finished));

  unfinished = gp_session_new (bank, GP_SESSION_MODE_SELF_SERVICE, "forgot password", GP_FAMILIARITY_NEW,
                               "Get back into online banking", GP_EVENT_SINK (f->journal));
  g_assert_true (gp_session_next (unfinished, GP_ACTOR_CUSTOMER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (unfinished), ==, 0);
  f->unfinished_id = g_strdup (gp_session_get_id (unfinished));
}

static void
fixture_open (Fixture  *f,
              int       width,
              gboolean  with_journal,
              gboolean  with_sessions)
{
  f->library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL);
  gp_flow_library_set_languages (f->library, test_languages);
  if (with_journal)
    {
      g_autofree char *path = gp_test_journal_path ("journal-test.db");

      f->journal = gp_test_open_journal (path);
    }
  if (with_sessions)
    fill_journal (f);

  f->window = gp_window_new_with_journal (GTK_APPLICATION (app), f->library, f->journal);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width > 0 ? width : 640, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  fixture_open (f, GPOINTER_TO_INT (data), TRUE, FALSE);
}

static void
setup_sessions (Fixture       *f,
                gconstpointer  data)
{
  fixture_open (f, GPOINTER_TO_INT (data), TRUE, TRUE);
}

static void
setup_no_journal (Fixture       *f,
                  gconstpointer  data)
{
  fixture_open (f, 0, FALSE, FALSE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GSettings *settings = gp_application_get_settings (app);

  if (f->window != NULL)
    gp_test_destroy_and_wait (GTK_WIDGET (f->window));
  g_assert_finalize_object (f->library);
  if (f->journal != NULL)
    g_assert_finalize_object (f->journal);
  g_free (f->unfinished_id);
  g_free (f->finished_id);

  g_settings_reset (settings, "text-scale");
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "last-mode");
}

static gboolean
shows_session_page (gpointer user_data)
{
  Fixture *f = user_data;

  return adw_leaflet_get_visible_child (window_child (f, "leaflet")) == window_child (f, "session_page");
}

static gboolean
shows_library_page (gpointer user_data)
{
  Fixture *f = user_data;

  return adw_leaflet_get_visible_child (window_child (f, "leaflet")) == window_child (f, "library_page");
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  GtkListBox *flow_list = window_child (f, "flow_list");
  GtkListBoxRow *row;
  GtkWidget *view;

  g_assert_true (shows_library_page (f));
  g_assert_null (gp_window_get_session_view (f->window));

  /* Choosing a flow opens the session page with its intake. */
  row = gtk_list_box_get_row_at_index (flow_list, 0);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_signal_emit_by_name (flow_list, "row-activated", row);
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));
  view = gp_window_get_session_view (f->window);
  g_assert_true (GP_IS_SESSION_VIEW (view));
  g_assert_true (gtk_widget_is_ancestor (view, window_child (f, "session_page")));

  /* Back (Escape, Alt+Left, the back button) returns to the library. */
  if (adw_leaflet_get_folded (window_child (f, "leaflet")))
    {
      g_assert_true (gtk_widget_get_visible (window_child (f, "back_button")));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
      g_assert_true (gp_test_wait_until (shows_library_page, f, GP_TEST_WATCHDOG_MS));
    }

  /* Ctrl+F from anywhere goes back to the search. */
  g_signal_emit_by_name (flow_list, "row-activated", row);
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (gp_test_wait_until (shows_library_page, f, GP_TEST_WATCHDOG_MS));
}

static void
test_narrow_session (Fixture       *f,
                     gconstpointer  data)
{
  GtkListBox *flow_list = window_child (f, "flow_list");

  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (f->window))), ==, NARROW_WIDTH);
  g_signal_emit_by_name (flow_list, "row-activated", gtk_list_box_get_row_at_index (flow_list, 0));
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));

  /* At 360 px the session has the whole width and a way back. */
  g_assert_true (adw_leaflet_get_folded (window_child (f, "leaflet")));
  g_assert_true (gtk_widget_get_visible (window_child (f, "back_button")));
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (f->window))), ==, NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-narrow-session-360.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  g_assert_true (gp_test_wait_until (shows_library_page, f, GP_TEST_WATCHDOG_MS));
}

static gboolean
continue_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (window_child (user_data, "continue_group"));
}

static gboolean
continue_shown (gpointer user_data)
{
  return gtk_widget_get_visible (window_child (user_data, "continue_group"));
}

static void
test_continue (Fixture       *f,
               gconstpointer  data)
{
  GtkListBox *continue_list = window_child (f, "continue_list");
  GtkListBox *recent_list = window_child (f, "recent_list");
  GtkListBoxRow *row;
  GpSession *session;
  GpFlow *bank = gp_flow_library_lookup (f->library, BANK_FLOW_ID);
  GpStep *second;

  /* The unfinished session is in Continue, the completed one in Recent. */
  g_assert_true (gtk_widget_get_visible (window_child (f, "continue_group")));
  g_assert_true (gtk_widget_get_visible (window_child (f, "recent_group")));
  g_assert_cmpuint (gp_test_count_rows (continue_list), ==, 1);
  g_assert_cmpuint (gp_test_count_rows (recent_list), ==, 1);

  row = gtk_list_box_get_row_at_index (continue_list, 0);
  g_assert_cmpstr (gp_journal_session_get_id (gp_journal_row_get_session (GP_JOURNAL_ROW (row))), ==,
                   f->unfinished_id);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, gp_flow_get_title (bank));
  /* It says where the session stopped. */
  {
    g_autoptr(GpSession) replay = gp_session_new (bank, GP_SESSION_MODE_SELF_SERVICE, "g", GP_FAMILIARITY_NEW,
                                                  "p", NULL);

    g_assert_true (gp_session_next (replay, GP_ACTOR_CUSTOMER, NULL));
    second = gp_session_get_current_step (replay);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), gp_step_get_title (second)));
  }
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (recent_list, 0))),
                            "Abandoned"));

  gp_test_save_png (GTK_WIDGET (f->window), "ui-library-continue.png");

  /* A Recent row opens the finished session's replay. */
  {
    GtkListBoxRow *recent = gtk_list_box_get_row_at_index (recent_list, 0);
    GtkWidget *replay;

    g_assert_true (gtk_list_box_row_get_activatable (recent));
    g_signal_emit_by_name (recent_list, "row-activated", recent);
    replay = gp_test_wait_for_toplevel (GP_TYPE_REPLAY_WINDOW);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (replay)) == GTK_WINDOW (f->window));
    g_assert_cmpstr (gp_session_get_id (gp_session_replay_get_final_session (gp_replay_window_get_replay (GP_REPLAY_WINDOW (replay)))),
                     ==, f->finished_id);
    gp_test_destroy_and_wait (replay);
  }

  /* Searching shows only flows (after the entry's search delay). */
  gtk_editable_set_text (GTK_EDITABLE (window_child (f, "search_entry")), "parking");
  g_assert_true (gp_test_wait_until (continue_hidden, f, GP_TEST_WATCHDOG_MS));
  g_assert_false (gtk_widget_get_visible (window_child (f, "recent_group")));
  g_assert_false (gtk_widget_get_visible (window_child (f, "handoff_group")));
  gtk_editable_set_text (GTK_EDITABLE (window_child (f, "search_entry")), "");
  g_assert_true (gp_test_wait_until (continue_shown, f, GP_TEST_WATCHDOG_MS));

  /* Activating it resumes the session where it stopped, still writing to the journal. */
  g_signal_emit_by_name (continue_list, "row-activated", row);
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));
  session = gp_session_view_get_session (GP_SESSION_VIEW (gp_window_get_session_view (f->window)));
  g_assert_nonnull (session);
  g_assert_cmpstr (gp_session_get_id (session), ==, f->unfinished_id);
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (session)), ==, gp_step_get_id (second));
  g_assert_true (gp_session_get_sink (session) == GP_EVENT_SINK (f->journal));

  /* Resuming it again shows the same session, not a second copy. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (gp_window_resume_session (f->window, f->unfinished_id, &error));
    g_assert_no_error (error);
    g_assert_true (gp_session_view_get_session (GP_SESSION_VIEW (gp_window_get_session_view (f->window))) == session);
  }
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  GSettings *settings = gp_application_get_settings (app);

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-library-continue-dark.png");

  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_handoff_unknown (Fixture       *f,
                      gconstpointer  data)
{
  GtkLabel *error_label = window_child (f, "handoff_error_label");
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_get_visible (window_child (f, "handoff_group")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  /* A well-formed code nobody handed off. */
  gtk_editable_set_text (GTK_EDITABLE (window_child (f, "handoff_row")), "7kqm 2xhd");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-handoff", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "No session was handed off with the code 7KQM-2XHD"));
  g_assert_true (gtk_widget_has_css_class (window_child (f, "handoff_row"), "error"));
  g_assert_true (shows_library_page (f));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-handoff-unknown.png");

  /* Typing again clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (window_child (f, "handoff_row")), "nonsense");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  g_assert_false (gp_window_open_handoff (f->window, "nonsense", &error));
  g_assert_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_CODE);
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "is not a hand-off code"));
}

static void
test_handoff_open (Fixture       *f,
                   gconstpointer  data)
{
  GpFlow *bank = gp_flow_library_lookup (f->library, BANK_FLOW_ID);
  g_autoptr(GpSession) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  GpSession *shown;

  customer = gp_session_new (bank, GP_SESSION_MODE_SELF_SERVICE, "forgot password", GP_FAMILIARITY_NEW,
                             "Get back into online banking", GP_EVENT_SINK (f->journal));
  code = gp_handoff_request (customer, f->journal, &error);
  g_assert_no_error (error);

  gtk_editable_set_text (GTK_EDITABLE (window_child (f, "handoff_row")), code);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-handoff", NULL));
  g_assert_false (gtk_widget_get_visible (window_child (f, "handoff_error_label")));
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));
  shown = gp_session_view_get_session (GP_SESSION_VIEW (gp_window_get_session_view (f->window)));
  g_assert_nonnull (shown);
  g_assert_cmpstr (gp_session_get_id (shown), ==, gp_session_get_id (customer));
  g_assert_cmpint (gp_session_get_mode (shown), ==, GP_SESSION_MODE_ASSISTED);
}

/* Without a shared journal the customer's session arrives as a file. */
static void
test_handoff_file (Fixture       *f,
                   gconstpointer  data)
{
  GpFlow *bank = gp_flow_library_lookup (f->library, BANK_FLOW_ID);
  g_autofree char *dir = g_dir_make_tmp ("handoff-XXXXXX", NULL);
  g_autofree char *customer_db = g_build_filename (dir, "customer.db", NULL);
  g_autofree char *path = g_build_filename (dir, "session.json", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(GpJournal) customer_journal = NULL;
  g_autoptr(GpSession) customer = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  GtkLabel *error_label = window_child (f, "handoff_error_label");
  GpSession *shown;

  customer_journal = gp_journal_new_for_path (customer_db, &error);
  g_assert_no_error (error);
  customer = gp_session_new (bank, GP_SESSION_MODE_SELF_SERVICE, "forgot password", GP_FAMILIARITY_NEW,
                             "Get back into online banking", GP_EVENT_SINK (customer_journal));
  code = gp_handoff_request (customer, customer_journal, &error);
  g_assert_no_error (error);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gp_session_export_one (customer_journal, gp_session_get_id (customer),
                                        G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));

  /* A file that is not a session: the library says which file and what is wrong. */
  g_assert_true (g_file_set_contents (broken_path, "{\"format\": \"guidepost-sessions/1\"}", -1, NULL));
  g_assert_false (gp_window_open_handoff_file (f->window, broken, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "broken.json"));

  g_assert_true (gp_window_open_handoff_file (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));
  shown = gp_session_view_get_session (GP_SESSION_VIEW (gp_window_get_session_view (f->window)));
  g_assert_nonnull (shown);
  g_assert_cmpstr (gp_session_get_id (shown), ==, gp_session_get_id (customer));
  g_assert_cmpint (gp_session_get_mode (shown), ==, GP_SESSION_MODE_ASSISTED);
  /* The agent's journal now has it, so it carries on there. */
  g_assert_nonnull (gp_journal_find_session (f->journal, gp_session_get_id (customer)));

  g_unlink (path);
  g_unlink (broken_path);
  g_unlink (customer_db);
  g_rmdir (dir);
}

/* A session recorded with an older version of a flow goes on with the library's version
 * (its events were checked against it by the replay), and the agent is told. */
static void
test_resume_other_version (Fixture       *f,
                           gconstpointer  data)
{
  GpFlow *bank = gp_flow_library_lookup (f->library, BANK_FLOW_ID);
  g_autoptr(JsonNode) document = gp_flow_to_json (bank);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) older_bytes = NULL;
  g_autoptr(GpFlow) older = NULL;
  g_autoptr(GpSession) recorded = NULL;
  g_autoptr(GError) error = NULL;
  GpSession *shown;
  char *older_text;
  gsize length;

  /* The same flow, as version 0.9.0. */
  json_object_set_string_member (json_node_get_object (document), "version", "0.9.0");
  json_generator_set_root (generator, document);
  older_text = json_generator_to_data (generator, &length);
  older_bytes = g_bytes_new_take (older_text, length);
  older = gp_flow_load_bytes (older_bytes, "older.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gp_flow_get_version (older), ==, "0.9.0");

  recorded = gp_session_new (older, GP_SESSION_MODE_ASSISTED, "forgot password", GP_FAMILIARITY_NEW,
                             "Get back into online banking", GP_EVENT_SINK (f->journal));
  g_assert_true (gp_session_next (recorded, GP_ACTOR_CUSTOMER, &error));
  g_assert_no_error (error);

  g_assert_true (gp_window_resume_session (f->window, gp_session_get_id (recorded), &error));
  g_assert_no_error (error);
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));
  shown = gp_session_view_get_session (GP_SESSION_VIEW (gp_window_get_session_view (f->window)));
  g_assert_cmpstr (gp_session_get_id (shown), ==, gp_session_get_id (recorded));
  g_assert_true (gp_session_get_flow (shown) == bank);
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (shown)), ==,
                   gp_step_get_id (gp_session_get_current_step (recorded)));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-resume-other-version.png");
}

static void
test_no_journal (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_READ_ONLY,
                                                 "journal.db: attempt to write a readonly database");
  GtkListBox *flow_list = window_child (f, "flow_list");
  GtkWidget *sessions;

  /* The window says so and keeps working. */
  gp_window_show_journal_error (f->window, error);
  g_assert_false (gtk_widget_get_visible (window_child (f, "handoff_group")));
  g_assert_false (gtk_widget_get_visible (window_child (f, "continue_group")));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-no-journal.png");

  g_signal_emit_by_name (flow_list, "row-activated", gtk_list_box_get_row_at_index (flow_list, 0));
  g_assert_true (gp_test_wait_until (shows_session_page, f, GP_TEST_WATCHDOG_MS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sessions", NULL));
  sessions = gp_test_wait_for_toplevel (GP_TYPE_SESSIONS_WINDOW);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (sessions, GP_TYPE_SESSIONS_WINDOW, "stack"))),
                   ==, "no-journal");
  gp_test_destroy_and_wait (sessions);
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Evidence Report: the trainer's witness statement goes into the report exactly as typed
 * (escaped in HTML); blank space is no statement; a file that cannot be written is named. */
static void
test_evidence_window (GtkWidget *sessions)
{
  g_autoptr(GFile) html_file = g_file_new_build_filename (g_get_user_data_dir (), "evidence.html", NULL);
  g_autoptr(GFile) json_file = g_file_new_build_filename (g_get_user_data_dir (), "evidence.json", NULL);
  g_autoptr(GFile) bad_file = g_file_new_build_filename (g_get_user_data_dir (), "no-such-folder", "e.html", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *typed = NULL;
  const char *statement = "I watched Sam explain <why> the code is needed & calm the customer.\nSecond line.";
  GpEvidenceWindow *evidence;
  AdwActionRow *sessions_row;
  JsonObject *root;
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (sessions, "sessions.evidence", NULL));
  evidence = GP_EVIDENCE_WINDOW (gp_test_wait_for_toplevel (GP_TYPE_EVIDENCE_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (evidence)) == GTK_WINDOW (sessions));
  sessions_row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (evidence), GP_TYPE_EVIDENCE_WINDOW, "sessions_row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (sessions_row), "1 finished session"));

  gp_evidence_window_set_witness (evidence, "  \n\t ");
  blank = gp_evidence_window_get_witness (evidence);
  g_assert_null (blank);
  gp_evidence_window_set_witness (evidence, statement);
  typed = gp_evidence_window_get_witness (evidence);
  g_assert_cmpstr (typed, ==, statement);
  gp_test_save_png (GTK_WIDGET (evidence), "ui-evidence.png");

  g_assert_true (gp_evidence_window_save_to (evidence, html_file, GP_EVIDENCE_FORMAT_HTML, &error));
  g_assert_no_error (error);
  html = read_file (html_file);
  g_assert_nonnull (strstr (html, "I watched Sam explain &lt;why&gt; the code is needed &amp; calm the customer."));
  g_assert_null (strstr (html, "<why>"));

  g_assert_true (gp_evidence_window_save_to (evidence, json_file, GP_EVIDENCE_FORMAT_JSON, &error));
  g_assert_no_error (error);
  json = read_file (json_file);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, GP_EVIDENCE_REPORT_FORMAT);
  g_assert_cmpstr (json_object_get_string_member (root, "witness_statement"), ==, statement);

  g_assert_false (gp_evidence_window_save_to (evidence, bad_file, GP_EVIDENCE_FORMAT_HTML, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  dialog = gp_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "e.html"));
  gp_test_destroy_and_wait (dialog);
  gp_test_destroy_and_wait (GTK_WIDGET (evidence));
}

static guint
count_exported (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = read_file (file);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "sessions"));
}

/* Export can keep to the sessions started lately: one stored as if started in 2020 is
 * written with "Any Time" only. */
static void
test_export_period (Fixture   *f,
                    GtkWidget *sessions,
                    GFile     *json_file)
{
  GpFlow *parking = gp_flow_library_lookup (f->library, PARKING_FLOW_ID);
  g_autoptr(GpSession) old = gp_session_new (parking, GP_SESSION_MODE_ASSISTED, "old", GP_FAMILIARITY_NEW,
                                             "An old session", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;

  g_assert_true (gp_journal_begin_session (f->journal, gp_session_get_id (old), gp_flow_get_id (parking),
                                           gp_flow_get_version (parking), "assisted", &error));
  g_assert_no_error (error);
  gp_test_journal_append_moved (f->journal, gp_session_get_events (old),
                                G_GINT64_CONSTANT (1583020800) * G_USEC_PER_SEC);

  g_assert_true (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), json_file, GP_EXPORT_FORMAT_JSON, &error));
  g_assert_cmpuint (count_exported (json_file), ==, 3);
  g_assert_true (gtk_widget_activate_action (sessions, "sessions.export-period", "s", "week"));
  g_object_get (sessions, "export-period", &period, NULL);
  g_assert_cmpstr (period, ==, "week");
  g_assert_true (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), json_file, GP_EXPORT_FORMAT_JSON, &error));
  g_assert_cmpuint (count_exported (json_file), ==, 2);
  g_assert_true (gtk_widget_activate_action (sessions, "sessions.export-period", "s", "month"));
  g_assert_true (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), json_file, GP_EXPORT_FORMAT_JSON, &error));
  g_assert_cmpuint (count_exported (json_file), ==, 2);
  g_assert_true (gtk_widget_activate_action (sessions, "sessions.export-period", "s", "all"));
  g_assert_true (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), json_file, GP_EXPORT_FORMAT_JSON, &error));
  g_assert_cmpuint (count_exported (json_file), ==, 3);
  g_assert_no_error (error);
}

static void
test_sessions_view (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *sessions;
  GtkListBox *list;
  g_autoptr(GFile) json_file = g_file_new_build_filename (g_get_user_data_dir (), "sessions.json", NULL);
  g_autoptr(GFile) csv_file = g_file_new_build_filename (g_get_user_data_dir (), "sessions.csv", NULL);
  g_autoptr(GFile) bad_file = g_file_new_build_filename (g_get_user_data_dir (), "no-such-folder", "s.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sessions", NULL));
  sessions = gp_test_wait_for_toplevel (GP_TYPE_SESSIONS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (sessions)) == GTK_WINDOW (f->window));

  /* Every session, newest first, with flow, mode, started, outcome and events. */
  list = GTK_LIST_BOX (gtk_widget_get_template_child (sessions, GP_TYPE_SESSIONS_WINDOW, "session_list"));
  g_assert_cmpuint (gp_test_count_rows (list), ==, 2);
  {
    GtkListBoxRow *newest = gtk_list_box_get_row_at_index (list, 0);
    GtkListBoxRow *oldest = gtk_list_box_get_row_at_index (list, 1);
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (newest));

    g_assert_cmpstr (gp_journal_session_get_id (gp_journal_row_get_session (GP_JOURNAL_ROW (newest))), ==,
                     f->unfinished_id);
    g_assert_nonnull (strstr (subtitle, "On their own"));
    g_assert_nonnull (strstr (subtitle, "Not finished"));
    g_assert_nonnull (strstr (subtitle, " events"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (oldest)), "Abandoned"));
  }
  gp_test_save_png (sessions, "ui-sessions.png");

  /* Export writes files that parse. */
  g_assert_true (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), json_file, GP_EXPORT_FORMAT_JSON, &error));
  g_assert_no_error (error);
  json = read_file (json_file);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, GP_SESSION_EXPORT_FORMAT);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sessions")), ==, 2);

  g_assert_true (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), csv_file, GP_EXPORT_FORMAT_CSV, &error));
  g_assert_no_error (error);
  csv = read_file (csv_file);
  lines = g_strsplit (csv, "\r\n", -1);
  /* A header, two sessions and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  /* A file that cannot be written is named in an error dialog. */
  g_assert_false (gp_sessions_window_export_to (GP_SESSIONS_WINDOW (sessions), bad_file, GP_EXPORT_FORMAT_JSON, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  dialog = gp_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "s.json"));
  gp_test_destroy_and_wait (dialog);

  test_evidence_window (sessions);
  test_export_period (f, sessions, json_file);
  gp_test_destroy_and_wait (sessions);
}

static void
test_window_size (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = gp_application_get_settings (app);
  gpointer weak = f->window;
  int width, height;

  g_assert_nonnull (settings);

  /* Closing keeps the size... */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 500, 610);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  g_object_add_weak_pointer (G_OBJECT (f->window), &weak);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (gp_test_wait_for_finalize (&weak, GP_TEST_WATCHDOG_MS));
  f->window = NULL;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 500);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* ...and the next window opens with it. */
  f->window = gp_window_new_with_journal (GTK_APPLICATION (app), f->library, f->journal);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 500);
  g_assert_cmpint (height, ==, 610);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static int
xft_dpi (void)
{
  int dpi;

  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
  return dpi;
}

static void
test_text_scale (Fixture       *f,
                 gconstpointer  data)
{
  GSettings *settings = gp_application_get_settings (app);
  int normal_dpi = xft_dpi ();
  int label_height, larger_height;
  GtkWidget *title;

  title = GTK_WIDGET (window_child (f, "flows_heading"));
  label_height = gtk_widget_get_height (title);

  /* Ctrl+plus, Ctrl+minus, Ctrl+0 are the app.text-* actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.text-larger", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.1, 0.001);
  g_assert_cmpint (xft_dpi (), >, normal_dpi);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.text-smaller", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.text-smaller", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 0.9, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.text-reset", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.0, 0.001);
  g_assert_cmpint (xft_dpi (), ==, normal_dpi);

  /* The limits hold. */
  for (guint i = 0; i < 20; i++)
    gp_application_set_text_scale (app, gp_application_get_text_scale (app) + GP_TEXT_SCALE_STEP);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), GP_TEXT_SCALE_MAX, 0.001);

  /* Large text at 360 px: bigger, and the library still fits. */
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  larger_height = gtk_widget_get_height (title);
  g_assert_cmpint (larger_height, >, label_height);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (f->window))), ==, NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-large-text-360.png");

  g_settings_reset (settings, "text-scale");
  g_assert_cmpint (xft_dpi (), ==, normal_dpi);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = gp_application_get_settings (app);
  GtkWidget *preferences;
  GtkAdjustment *adjustment;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.preferences", NULL));
  preferences = gp_test_wait_for_toplevel (GP_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (f->window));
  gp_test_save_png (preferences, "ui-preferences.png");

  /* The text size follows the setting both ways. */
  adjustment = GTK_ADJUSTMENT (gtk_widget_get_template_child (preferences, GP_TYPE_PREFERENCES_WINDOW,
                                                              "text_scale_adjustment"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 100);
  gtk_adjustment_set_value (adjustment, 150);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.5, 0.001);
  gp_application_set_text_scale (app, 1.2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 120);

  /* Style: the check buttons drive app.color-scheme. */
  gtk_widget_activate (GTK_WIDGET (gtk_widget_get_template_child (preferences, GP_TYPE_PREFERENCES_WINDOW,
                                                                  "style_dark_button")));
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gp_test_save_png (preferences, "ui-preferences-dark.png");

  gp_test_destroy_and_wait (preferences);
}

/* Every window action with a key has it listed in the shortcuts window. */
static void
test_shortcuts_listed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_BASE "/ui/help-overlay.ui", 0, NULL);
  const char *overlay = g_bytes_get_data (bytes, NULL);
  static const char * const accels[] = {
    "&lt;Control&gt;f", "Escape", "&lt;Alt&gt;Left", "&lt;Control&gt;&lt;Shift&gt;s",
    "&lt;Control&gt;o", "&lt;Control&gt;plus", "&lt;Control&gt;minus", "&lt;Control&gt;0",
    "&lt;Control&gt;comma", "&lt;Control&gt;question", "&lt;Control&gt;w", "&lt;Control&gt;q",
  };
  static const char * const app_actions[] = {
    "app.preferences", "app.text-larger", "app.text-smaller", "app.text-reset", "app.quit",
  };

  g_assert_nonnull (overlay);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    if (strstr (overlay, accels[i]) == NULL)
      g_error ("%s is not in the shortcuts window", accels[i]);

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), app_actions[i]);

      g_assert_cmpuint (g_strv_length (keys), >, 0);
    }

  /* Icon-only buttons have names. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window_child (f, "back_button")), !=, NULL);
}

static gboolean
fold_animated (gpointer data)
{
  return adw_leaflet_get_mode_transition_duration (data) > 0;
}

/* The window appears without the leaflet's fold animation (it would show library and
 * session side by side, folding), which is back for resizes once the window is up. */
static void
test_no_fold_animation_at_start (Fixture       *f,
                                 gconstpointer  data)
{
  GpWindow *fresh = gp_window_new (GTK_APPLICATION (app), f->library);
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (fresh), GP_TYPE_WINDOW, "leaflet"));

  g_assert_cmpuint (adw_leaflet_get_mode_transition_duration (leaflet), ==, 0);
  gtk_window_present (GTK_WINDOW (fresh));
  g_assert_true (gp_test_wait_until (fold_animated, leaflet, GP_TEST_WATCHDOG_MS));
  g_assert_cmpuint (adw_leaflet_get_mode_transition_duration (leaflet), ==, 250);
  gp_test_destroy_and_wait (GTK_WIDGET (fresh));
}

/* The session menu offers Stop Sharing only while the session is shared. */
static void
test_sharing_menu (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GpSessionView *view;

  /* As the menu item would: a widget for the action, insensitive while it is off. */
  GtkWidget *stop = gtk_button_new_with_label ("Stop Sharing");
  GtkWidget *share = gtk_button_new_with_label ("Share Session");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (stop), "win.stop-sharing");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (share), "win.share-session");
  gtk_box_append (window_child (f, "session_page"), stop);
  gtk_box_append (window_child (f, "session_page"), share);

  g_assert_true (gp_window_resume_session (f->window, f->unfinished_id, &error));
  g_assert_no_error (error);
  view = GP_SESSION_VIEW (gp_window_get_session_view (f->window));
  g_assert_true (gtk_widget_get_sensitive (share));
  g_assert_false (gtk_widget_get_sensitive (stop));
  g_assert_true (gp_session_view_share (view, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_sensitive (stop));
  g_signal_emit_by_name (stop, "clicked");
  g_assert_null (gp_session_view_get_host (view));
  g_assert_false (gtk_widget_get_sensitive (stop));
  gtk_box_remove (window_child (f, "session_page"), stop);
  gtk_box_remove (window_child (f, "session_page"), share);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gp_test_init_gtk (&argc, &argv);
  app = gp_test_application_new ("io.guidepost.Guidepost.UiShellTest");
  g_assert_nonnull (gp_application_get_settings (app));

  g_test_add ("/guidepost/ui/shell/navigation", Fixture, NULL, setup, test_navigation, teardown);
  g_test_add ("/guidepost/ui/shell/no-fold-animation-at-start", Fixture, NULL, setup,
              test_no_fold_animation_at_start, teardown);
  g_test_add ("/guidepost/ui/shell/narrow-session", Fixture, GINT_TO_POINTER (NARROW_WIDTH),
              setup, test_narrow_session, teardown);
  g_test_add ("/guidepost/ui/shell/continue", Fixture, NULL, setup_sessions, test_continue, teardown);
  g_test_add ("/guidepost/ui/shell/sharing-menu", Fixture, NULL, setup_sessions, test_sharing_menu, teardown);
  g_test_add ("/guidepost/ui/shell/resume-other-version", Fixture, NULL, setup, test_resume_other_version, teardown);
  g_test_add ("/guidepost/ui/shell/dark", Fixture, NULL, setup_sessions, test_dark, teardown);
  g_test_add ("/guidepost/ui/shell/handoff-unknown-code", Fixture, NULL, setup, test_handoff_unknown, teardown);
  g_test_add ("/guidepost/ui/shell/handoff-open", Fixture, NULL, setup, test_handoff_open, teardown);
  g_test_add ("/guidepost/ui/shell/handoff-file", Fixture, NULL, setup, test_handoff_file, teardown);
  g_test_add ("/guidepost/ui/shell/no-journal", Fixture, NULL, setup_no_journal, test_no_journal, teardown);
  g_test_add ("/guidepost/ui/shell/sessions-view", Fixture, NULL, setup_sessions, test_sessions_view, teardown);
  g_test_add ("/guidepost/ui/shell/window-size", Fixture, NULL, setup, test_window_size, teardown);
  g_test_add ("/guidepost/ui/shell/text-scale", Fixture, GINT_TO_POINTER (NARROW_WIDTH),
              setup_sessions, test_text_scale, teardown);
  g_test_add ("/guidepost/ui/shell/preferences", Fixture, NULL, setup, test_preferences, teardown);
  g_test_add ("/guidepost/ui/shell/shortcuts", Fixture, NULL, setup, test_shortcuts_listed, teardown);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
