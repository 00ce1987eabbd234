/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Training in the app: choosing a bundled scenario, practising it (the customer card,
 * feedback after each action, the score so far, the script's injected failure on the
 * trainee's screen) and taking an assessment to the score report, at full width, 360 px
 * and dark.  Everything is driven through the windows' actions. */
#include <string.h>
#include <adwaita.h>
#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-customer-card.h"
#include "gp-end-page.h"
#include "gp-fault-console.h"
#include "gp-intake-page.h"
#include "gp-mock-screen.h"
#include "gp-scenario-chooser.h"
#include "gp-replay-window.h"
#include "gp-score-report.h"
#include "gp-session-view.h"
#include "gp-step-view.h"
#include "gp-training-panel.h"
#include "gp-window.h"
#include "gp-session-test-utils.h"
#include "gp-test-ui.h"

#define BUNDLED_FLOWS RESOURCE_BASE "/flows"
#define NARROW_WIDTH 360
#define PRACTICE_SCENARIO "locked-out-code-missing"
#define ASSESSMENT_SCENARIO "parcel-delivered-in-a-hurry"

static GpApplication *app;

static const char * const test_languages[] = { "en_GB", "en", "C", NULL };

typedef struct {
  GpFlowLibrary *library;
  GpJournal     *journal;
  GpWindow      *window;
  GpSessionView *view;
} Fixture;

/* Lets the scripted customer (an idle of the main context) answer and the views follow. */
static void
settle (void)
{
  for (guint i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* No visible widget under @widget is wider than @width: long texts wrap. */
static void
assert_fits (GtkWidget *widget,
             int        width)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      int min = 0;

      /* The innermost widget that cannot be narrower names the culprit. */
      assert_fits (child, width);
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > width)
        g_error ("%s (%s) is %d px wide in a %d px window", G_OBJECT_TYPE_NAME (child),
                 GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : gtk_widget_get_css_name (child),
                 min, width);
    }
}

/* The first shown descendant of @type. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child)
                         ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GpSession *
session (Fixture *f)
{
  return gp_test_view_get_session (f->view);
}

static GpStep *
current (Fixture *f)
{
  return gp_session_get_current_step (session (f));
}

static void
act (Fixture    *f,
     const char *action,
     GVariant   *parameter)
{
  gp_test_view_activate (f->view, action, parameter);
  settle ();
}

static GpEvent *
last_event (Fixture *f)
{
  GListModel *events = gp_session_get_events (session (f));

  return g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
}

/* The last event of @type, or NULL. */
static GpEvent *
find_event (Fixture     *f,
            GpEventType  type)
{
  GListModel *events = gp_session_get_events (session (f));

  for (guint i = g_list_model_get_n_items (events); i > 0; i--)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i - 1);

      if (gp_event_get_event_type (event) == type)
        return g_steal_pointer (&event);
    }
  return NULL;
}

static void
assert_last_by_agent (Fixture     *f,
                      GpEventType  type)
{
  g_autoptr(GpEvent) event = find_event (f, type);

  g_assert_nonnull (event);
  g_assert_cmpint (gp_event_get_actor (event), ==, GP_ACTOR_AGENT);
}

static GpTrainingScore *
computed_score (Fixture *f)
{
  GpTrainingRun *run = gp_session_view_get_training_run (f->view);

  return gp_training_score_compute (gp_training_run_get_scenario (run), gp_session_get_flow (session (f)),
                                    gp_session_get_events (session (f)));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = gp_test_journal_path ("journal-training.db");

  f->library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL);
  gp_flow_library_set_languages (f->library, test_languages);
  f->journal = gp_test_open_journal (path);

  f->window = gp_window_new_with_journal (GTK_APPLICATION (app), f->library, f->journal);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gp_test_destroy_and_wait (GTK_WIDGET (f->window));
  g_assert_finalize_object (f->library);
  g_assert_finalize_object (f->journal);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The library's menu item: the chooser, with @id selected. */
static GpScenarioChooser *
open_chooser (Fixture    *f,
              const char *id)
{
  GpScenarioChooser *chooser;

  g_assert_null (gp_test_shown_toplevel (GP_TYPE_SCENARIO_CHOOSER));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.practice", NULL));
  chooser = GP_SCENARIO_CHOOSER (gp_test_shown_toplevel (GP_TYPE_SCENARIO_CHOOSER));
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (f->window));
  g_assert_true (gp_scenario_chooser_select (chooser, id));
  g_assert_cmpstr (gp_scenario_get_id (gp_scenario_chooser_get_selected (chooser)), ==, id);
  return chooser;
}

/* Practice or assessment from the chooser: the intake of the scenario's flow. */
static GpScenario *
choose (Fixture       *f,
        const char    *id,
        GpScenarioRun  run)
{
  GpScenarioChooser *chooser = open_chooser (f, id);
  g_autoptr(GpScenario) scenario = g_object_ref (gp_scenario_chooser_get_selected (chooser));
  gpointer weak = chooser;

  g_object_add_weak_pointer (G_OBJECT (chooser), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser),
                                             run == GP_SCENARIO_RUN_PRACTICE ? "chooser.practice" : "chooser.assess",
                                             NULL));
  g_assert_true (gp_test_wait_for_finalize (&weak, GP_TEST_WATCHDOG_MS));

  f->view = GP_SESSION_VIEW (gp_window_get_session_view (f->window));
  g_assert_nonnull (f->view);
  g_assert_null (gp_session_view_get_session (f->view));
  g_assert_cmpstr (gp_session_view_get_title (f->view), ==, gp_scenario_get_title (scenario));
  return g_steal_pointer (&scenario);
}

static void
on_text_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer user_data)
{
  return *(char **) user_data != NULL;
}

/* The end page's report shows @score; PNGs as @name at full width, 360 px and dark. */
static void
assert_report (Fixture         *f,
               GpTrainingScore *score,
               const char      *name)
{
  GpEndPage *end_page = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "end_page");
  GpScoreReport *report = gp_test_child (end_page, GP_TYPE_END_PAGE, "score_report");
  g_autofree char *total = g_strdup_printf ("%d of %u", gp_training_score_get_total (score),
                                            gp_training_score_get_possible (score));
  g_autofree char *text = NULL;
  g_autofree char *first = g_strdup_printf ("Score: %s\n", total);
  g_autofree char *png = NULL;
  GListModel *shown;
  GListModel *items = gp_training_score_get_items (score);
  int dpi = 0;

  g_assert_true (gp_session_get_ended (session (f)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "stack")),
                   ==, "end");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (report)));
  g_assert_cmpstr (gp_score_report_get_total_text (report), ==, total);
  shown = gp_training_score_get_items (gp_score_report_get_score (report));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (items));
  /* Every item, with its points and why, in the copied text too. */
  text = gp_score_report_to_text (report);
  g_assert_true (g_str_has_prefix (text, first));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);

      g_assert_nonnull (strstr (text, gp_training_score_item_get_title (item)));
      g_assert_nonnull (strstr (text, gp_training_score_item_get_explanation (item)));
    }

  /* "Copy" puts the same text on the clipboard. */
  {
    g_autofree char *copied = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (report), "report.copy", NULL));
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (report)), NULL, on_text_read, &copied);
    g_assert_true (gp_test_wait_until (is_set, &copied, GP_TEST_WATCHDOG_MS));
    g_assert_cmpstr (copied, ==, text);
  }

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  png = g_strconcat (name, ".png", NULL);
  gp_test_save_png (GTK_WIDGET (f->window), png);
  g_free (png);
  png = g_strconcat (name, "-report.png", NULL);
  gp_test_save_png (GTK_WIDGET (report), png);
  g_free (png);

  gtk_window_set_default_size (GTK_WINDOW (f->window), NARROW_WIDTH, 900);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  assert_fits (GTK_WIDGET (f->view), NARROW_WIDTH);
  png = g_strconcat (name, "-360.png", NULL);
  gp_test_save_png (GTK_WIDGET (f->window), png);
  g_free (png);
  png = g_strconcat (name, "-360-report.png", NULL);
  gp_test_save_png (GTK_WIDGET (report), png);
  g_free (png);

  /* Large text (150 %) still fits, by wrapping. */
  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  assert_fits (GTK_WIDGET (f->view), NARROW_WIDTH);
  png = g_strconcat (name, "-360-large-text.png", NULL);
  gp_test_save_png (GTK_WIDGET (report), png);
  g_free (png);
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", dpi, NULL);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  png = g_strconcat (name, "-dark.png", NULL);
  gp_test_save_png (GTK_WIDGET (f->window), png);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_chooser (Fixture       *f,
              gconstpointer  data)
{
  GpScenarioChooser *chooser = open_chooser (f, PRACTICE_SCENARIO);
  GListModel *scenarios = gp_scenario_chooser_get_scenarios (chooser);

  /* Every bundled scenario fits a bundled flow. */
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 6);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(GpScenario) scenario = g_list_model_get_item (scenarios, i);

      g_assert_nonnull (gp_flow_library_lookup (f->library, gp_scenario_get_flow_id (scenario)));
    }
  gp_test_save_png (GTK_WIDGET (chooser), "ui-training-chooser.png");
  {
    /* Below the list: the selected scenario's customer and rules. */
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (find_descendant (GTK_WIDGET (chooser),
                                                                                 GTK_TYPE_SCROLLED_WINDOW)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    gp_test_save_png (GTK_WIDGET (chooser), "ui-training-chooser-detail.png");
    gtk_adjustment_set_value (adjustment, 0);
  }

  gtk_window_set_default_size (GTK_WINDOW (chooser), NARROW_WIDTH, 720);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (chooser), GP_TEST_WATCHDOG_MS));
  assert_fits (GTK_WIDGET (chooser), NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (chooser), "ui-training-chooser-360.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gp_test_save_png (GTK_WIDGET (chooser), "ui-training-chooser-dark.png");
  gtk_window_destroy (GTK_WINDOW (chooser));
}

/* Practice: the customer card, feedback after each action, the score so far; the
 * script's failure on the trainee's screen, and no fault console. */
static void
test_practice (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GpScenario) scenario = choose (f, PRACTICE_SCENARIO, GP_SCENARIO_RUN_PRACTICE);
  GpIntakePage *intake = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "intake_page");
  GpCustomerCard *intake_card = gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "customer_card");
  GpStepView *sv = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "step_view");
  GpCustomerCard *card = gp_test_child (sv, GP_TYPE_STEP_VIEW, "customer_card");
  GpTrainingPanel *panel = gp_test_child (sv, GP_TYPE_STEP_VIEW, "training_panel");
  GpFaultConsole *console = gp_test_child (sv, GP_TYPE_STEP_VIEW, "fault_console");
  GpMockScreen *mock = gp_test_child (sv, GP_TYPE_STEP_VIEW, "mock_screen");
  GpScenarioCue *cue = gp_scenario_get_cue (scenario, 0);
  g_autoptr(GpTrainingScore) score = NULL;
  g_autofree char *said = NULL;
  g_autofree char *score_text = NULL;
  GpTrainingRun *run;
  guint rows;

  /* The intake, filled in from the customer. */
  g_assert_cmpint (gp_intake_page_get_mode (intake), ==, GP_SESSION_MODE_TRAINING);
  g_assert_cmpstr (gp_intake_page_get_goal (intake), ==, gp_scenario_get_persona_goal (scenario));
  g_assert_cmpint (gp_intake_page_get_familiarity (intake), ==, gp_scenario_get_persona_familiarity (scenario));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (intake_card)));
  g_assert_false (gtk_widget_get_sensitive (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "mode_row")));
  gtk_switch_set_active (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "offer_switch"), TRUE);
  /* The trainee agrees the problem in their own words before starting. */
  g_assert_cmpstr (gp_intake_page_get_agreed_problem (intake), ==, "");
  g_assert_false (gtk_widget_get_sensitive (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "start_button")));
  gtk_editable_set_text (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "problem_row"),
                         "Locked out after three tries: reset her access with a texted code");
  g_assert_true (gtk_widget_get_sensitive (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "start_button")));
  g_assert_cmpint (gp_intake_page_get_try_again (intake), ==, GP_TRY_AGAIN_OFFERED);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-intake.png");
  gtk_window_set_default_size (GTK_WINDOW (f->window), NARROW_WIDTH, 900);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  assert_fits (GTK_WIDGET (f->view), NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-intake-360.png");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);

  /* Started: the run is attached, the trainee acts as the agent. */
  act (f, "session.start", NULL);
  run = gp_session_view_get_training_run (f->view);
  g_assert_nonnull (run);
  g_assert_cmpint (gp_training_run_get_run (run), ==, GP_SCENARIO_RUN_PRACTICE);
  g_assert_cmpstr (gp_session_get_scenario_id (session (f)), ==, PRACTICE_SCENARIO);
  g_assert_cmpint (gp_session_get_mode (session (f)), ==, GP_SESSION_MODE_TRAINING);
  /* The trainee, in the agent's place, agreed the problem. */
  assert_last_by_agent (f, GP_EVENT_INTAKE_RECORDED);
  assert_last_by_agent (f, GP_EVENT_TRY_AGAIN_OFFERED);
  {
    /* The scripted customer answered. */
    g_autoptr(GpEvent) accepted = find_event (f, GP_EVENT_TRY_AGAIN_ACCEPTED);
    g_autoptr(GpEvent) declined = find_event (f, GP_EVENT_TRY_AGAIN_DECLINED);
    GpEvent *answer = accepted != NULL ? accepted : declined;

    g_assert_nonnull (answer);
    g_assert_cmpint (gp_event_get_actor (answer), ==, GP_ACTOR_CUSTOMER);
  }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (console)));
  rows = gp_training_panel_get_n_rows (panel);
  g_assert_cmpuint (rows, >=, 1);
  g_assert_nonnull (gp_training_panel_get_score_text (panel));

  /* login-page → what-happened → (locked) enter-details: the identity check. */
  act (f, "session.next", NULL);
  assert_last_by_agent (f, GP_EVENT_STEP_COMPLETED);
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "what-happened");
  act (f, "session.choose", g_variant_new_uint32 (0));
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "enter-details");
  for (guint i = 0; gp_step_get_checks (current (f))[i] != NULL; i++)
    act (f, "session.pass-check", g_variant_new_uint32 (i));
  assert_last_by_agent (f, GP_EVENT_IDENTITY_CHECK_PASSED);
  act (f, "session.next", NULL);
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "send-code");
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), >, rows);
  rows = gp_training_panel_get_n_rows (panel);

  /* Explaining why the text code is needed is good practice: feedback at once. */
  g_assert_true (gtk_widget_get_visible (gp_test_child (sv, GP_TYPE_STEP_VIEW, "why_button")));
  act (f, "session.why", NULL);
  assert_last_by_agent (f, GP_EVENT_WHY_SHOWN);
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), >, rows);
  rows = gp_training_panel_get_n_rows (panel);
  score = computed_score (f);
  score_text = g_strdup_printf ("Score so far: %d of %u", gp_training_score_get_total (score),
                                gp_training_score_get_possible (score));
  g_assert_cmpstr (gp_training_panel_get_score_text (panel), ==, score_text);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-practice.png");

  /* enter-code: the script makes the code never arrive, and the customer says so. */
  act (f, "session.next", NULL);
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "enter-code");
  g_assert_nonnull (gp_session_get_injected_failure (session (f)));
  g_assert_cmpstr (gp_failure_get_id (gp_session_get_injected_failure (session (f))), ==,
                   gp_scenario_cue_get_failure_id (cue));
  g_assert_cmpstr (gp_training_run_get_last_said (run), ==, gp_scenario_cue_get_say (cue));
  said = g_strdup_printf ("“%s”", gp_scenario_cue_get_say (cue));
  g_assert_cmpstr (gp_customer_card_get_said (card), ==, said);
  /* A live region: screen readers read the customer's new line. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gp_test_child (card, GP_TYPE_CUSTOMER_CARD, "said_label")),
                                   GTK_ACCESSIBLE_ROLE_STATUS);
  g_assert_nonnull (gp_mock_screen_get_failure_banner (mock));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (console)));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-injected.png");
  gtk_window_set_default_size (GTK_WINDOW (f->window), NARROW_WIDTH, 900);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  assert_fits (GTK_WIDGET (f->view), NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-injected-360.png");
  {
    int dpi = 0;

    /* Large text (150 %): the customer card and the score so far wrap too. */
    g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
    g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
    g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
    assert_fits (GTK_WIDGET (f->view), NARROW_WIDTH);
    gp_test_save_png (GTK_WIDGET (f->window), "ui-training-injected-360-large-text.png");
    g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", dpi, NULL);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-injected-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The trainee reports it and takes the flow's recovery: good practice, said at once. */
  act (f, "session.report-failure", g_variant_new_string (gp_scenario_cue_get_failure_id (cue)));
  assert_last_by_agent (f, GP_EVENT_FAILURE_REPORTED);
  act (f, "session.take-recovery", NULL);
  assert_last_by_agent (f, GP_EVENT_RECOVERY_TAKEN);
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), >, rows);
  {
    g_autoptr(GpEvent) last = last_event (f);

    /* Nothing was done as the trainer but the scenario's start and the script's failure. */
    g_assert_cmpint (gp_event_get_actor (last), !=, GP_ACTOR_TRAINER);
  }
  rows = gp_training_panel_get_n_rows (panel);

  /* A hint is allowed in practice, and costs: the feedback says so. */
  g_assert_true (gp_session_get_hints_allowed (session (f)));
  act (f, "session.hint", NULL);
  assert_last_by_agent (f, GP_EVENT_HINT_REVEALED);
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), >, rows);

  /* Ended early: the report gives and takes, and adds up to the computed score. */
  act (f, "session.wrap-up", NULL);
  act (f, "session.end", g_variant_new_string ("abandoned"));
  g_clear_object (&score);
  score = computed_score (f);
  assert_report (f, score, "ui-training-practice-score");
  {
    GListModel *items = gp_training_score_get_items (score);
    gboolean given = FALSE, missed = FALSE, deducted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(GpTrainingScoreItem) item = g_list_model_get_item (items, i);
        int points = gp_training_score_item_get_points (item);

        given |= points > 0;
        missed |= points == 0 && gp_training_score_item_get_possible (item) > 0;
        deducted |= points < 0;
      }
    g_assert_true (given && missed && deducted);
  }
}

/* In a scenario the trainee chooses when to mention an offer: nothing is offered for them,
 * the step lists its offers, and the scripted customer answers the one mentioned. */
static void
test_offers (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GpScenario) scenario = choose (f, PRACTICE_SCENARIO, GP_SCENARIO_RUN_PRACTICE);
  GpIntakePage *intake = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "intake_page");
  GpStepView *sv = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "step_view");
  GtkWidget *offers_group = gp_test_child (sv, GP_TYPE_STEP_VIEW, "offers_group");
  GpTrainingPanel *panel = gp_test_child (sv, GP_TYPE_STEP_VIEW, "training_panel");
  GpStep *step;
  guint rows;

  gtk_editable_set_text (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "problem_row"), "Locked out");
  act (f, "session.start", NULL);
  act (f, "session.next", NULL);
  act (f, "session.choose", g_variant_new_uint32 (0));
  for (guint i = 0; gp_step_get_checks (current (f))[i] != NULL; i++)
    act (f, "session.pass-check", g_variant_new_uint32 (i));
  act (f, "session.next", NULL);
  act (f, "session.next", NULL);
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "enter-code");
  act (f, "session.report-failure",
       g_variant_new_string (gp_failure_get_id (gp_session_get_injected_failure (session (f)))));
  act (f, "session.take-recovery", NULL);
  g_assert_false (gtk_widget_get_visible (offers_group));
  while (g_strcmp0 (gp_step_get_id (current (f)), "reset-done") != 0)
    act (f, "session.next", NULL);

  /* Not made for the trainee at its moment: listed, to mention or not. */
  step = current (f);
  g_assert_cmpuint (gp_step_get_n_offers (step), >, 0);
  g_assert_null (find_event (f, GP_EVENT_OFFER_PRESENTED));
  g_assert_true (gtk_widget_get_visible (offers_group));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-offers.png");

  rows = gp_training_panel_get_n_rows (panel);
  act (f, "session.make-offer", g_variant_new_string (gp_offer_get_id (gp_step_get_offer (step, 0))));
  assert_last_by_agent (f, GP_EVENT_OFFER_PRESENTED);
  {
    g_autoptr(GpEvent) answered = find_event (f, GP_EVENT_OFFER_ANSWERED);

    g_assert_nonnull (answered);
    g_assert_cmpint (gp_event_get_actor (answered), ==, GP_ACTOR_CUSTOMER);
  }
  g_assert_false (gtk_widget_get_visible (offers_group));
  g_assert_null (gp_step_view_get_shown_offer (sv, NULL));
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), >=, rows);
  g_assert_cmpstr (gp_scenario_get_id (scenario), ==, PRACTICE_SCENARIO);
}

/* An assessment: no feedback, no hints where the scenario says so, the scripted
 * satisfaction answer, and at the end the report with the score computed from the events. */
static void
test_assessment (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GpScenario) scenario = choose (f, ASSESSMENT_SCENARIO, GP_SCENARIO_RUN_ASSESSMENT);
  GpStepView *sv = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "step_view");
  GpTrainingPanel *panel = gp_test_child (sv, GP_TYPE_STEP_VIEW, "training_panel");
  GpEndPage *end_page = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "end_page");
  GpScoreReport *report = gp_test_child (end_page, GP_TYPE_END_PAGE, "score_report");
  GtkLabel *reply = gp_test_child (end_page, GP_TYPE_END_PAGE, "reply_label");
  GtkStack *stack = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "stack");
  GtkWidget *hint_button = gp_test_child (sv, GP_TYPE_STEP_VIEW, "hint_button");
  g_autoptr(GpTrainingScore) score = NULL;
  const char *comment = NULL;
  guint answer;

  g_assert_false (gp_scenario_get_hints_allowed (scenario));
  gtk_editable_set_text (gp_test_child (gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "intake_page"),
                                        GP_TYPE_INTAKE_PAGE, "problem_row"),
                         "Tracking says delivered but nothing came: pass it to investigations");
  act (f, "session.start", NULL);
  g_assert_cmpint (gp_training_run_get_run (gp_session_view_get_training_run (f->view)), ==,
                   GP_SCENARIO_RUN_ASSESSMENT);
  g_assert_false (gp_session_get_hints_allowed (session (f)));

  /* No hints, and the button says why; no feedback, no score on the way. */
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  g_assert_false (gtk_widget_is_sensitive (hint_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hint_button), ==, "This scenario is played without hints");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), ==, 0);
  g_assert_null (gp_training_panel_get_score_text (panel));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-assessment.png");

  /* find-parcel: the identity check; parcel-status: the script's failure. */
  for (guint i = 0; gp_step_get_checks (current (f))[i] != NULL; i++)
    act (f, "session.pass-check", g_variant_new_uint32 (i));
  act (f, "session.next", NULL);
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "parcel-status");
  g_assert_nonnull (gp_session_get_injected_failure (session (f)));
  /* The trainee forgets to say what happens next (explain-why): no points for it. */
  act (f, "session.report-failure",
       g_variant_new_string (gp_failure_get_id (gp_session_get_injected_failure (session (f)))));
  act (f, "session.take-recovery", NULL);
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), ==, 0);
  g_assert_null (gp_training_panel_get_score_text (panel));

  /* At the end step: what the scripted customer answers, to be recorded. */
  g_assert_cmpint (gp_step_get_kind (current (f)), ==, GP_STEP_KIND_END);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "end");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (report)));
  answer = gp_training_run_get_satisfaction_reply (gp_session_view_get_training_run (f->view), &comment);
  g_assert_cmpuint (answer, >=, 1);
  g_assert_cmpuint (answer, <=, 5);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reply)));
  g_assert_nonnull (strstr (gtk_label_get_label (reply), gp_scenario_get_persona_name (scenario)));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-satisfaction.png");
  act (f, "session.satisfaction", g_variant_new_uint32 (answer));
  act (f, "session.end", g_variant_new_string (gp_outcome_to_string (gp_step_get_outcome (current (f)))));
  g_assert_true (gp_session_get_ended (session (f)));

  /* The report: the same total as the score computed from the session's events. */
  score = computed_score (f);
  assert_report (f, score, "ui-training-score");
  g_assert_cmpuint (g_list_model_get_n_items (gp_training_score_get_items (score)), >=,
                    gp_scenario_get_n_practices (scenario));

  /* The debrief: replayed from the journal, the last event shows the same score. */
  {
    g_autoptr(GError) error = NULL;
    GtkWidget *replay;
    GtkStack *replay_stack;
    GpScoreReport *replay_report;

    g_assert_true (gp_window_replay_session (f->window, gp_session_get_id (session (f)), &error));
    g_assert_no_error (error);
    replay = gp_test_find_toplevel (GP_TYPE_REPLAY_WINDOW);
    g_assert_nonnull (replay);
    replay_stack = gp_test_child (replay, GP_TYPE_REPLAY_WINDOW, "state_stack");
    replay_report = gp_test_child (replay, GP_TYPE_REPLAY_WINDOW, "score_report");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (replay_stack), !=, "score");
    g_assert_true (gtk_widget_activate_action (replay, "replay.end", NULL));
    settle ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (replay_stack), ==, "score");
    g_assert_cmpstr (gp_score_report_get_total_text (replay_report), ==,
                     gp_score_report_get_total_text (gp_test_child (gp_test_child (f->view, GP_TYPE_SESSION_VIEW,
                                                                                   "end_page"),
                                                                    GP_TYPE_END_PAGE, "score_report")));
    gp_test_save_png (replay, "ui-training-replay-score.png");
    gp_test_destroy_and_wait (replay);
  }
}

/* A scenario session continued from the journal (the app stopped mid-practice) plays on:
 * its run is attached again, the card and feedback come back, and the script's cue at a
 * later step still fires. */
static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GpScenario) scenario = choose (f, PRACTICE_SCENARIO, GP_SCENARIO_RUN_PRACTICE);
  GpIntakePage *intake = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "intake_page");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GpStepView *sv;
  GpTrainingPanel *panel;

  gtk_editable_set_text (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "problem_row"), "Locked out");
  act (f, "session.start", NULL);
  act (f, "session.next", NULL);
  act (f, "session.choose", g_variant_new_uint32 (0));
  for (guint i = 0; gp_step_get_checks (current (f))[i] != NULL; i++)
    act (f, "session.pass-check", g_variant_new_uint32 (i));
  id = g_strdup (gp_session_get_id (session (f)));

  /* The app stops; a new window continues the session from the journal. */
  gp_test_destroy_and_wait (GTK_WIDGET (f->window));
  f->window = gp_window_new_with_journal (GTK_APPLICATION (app), f->library, f->journal);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gp_window_resume_session (f->window, id, &error));
  g_assert_no_error (error);
  f->view = GP_SESSION_VIEW (gp_window_get_session_view (f->window));
  g_assert_nonnull (gp_session_view_get_training_run (f->view));
  g_assert_cmpstr (gp_session_view_get_title (f->view), ==, gp_scenario_get_title (scenario));
  sv = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "step_view");
  panel = gp_test_child (sv, GP_TYPE_STEP_VIEW, "training_panel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  /* The feedback of before the stop: the identity checks done. */
  g_assert_cmpuint (gp_training_panel_get_n_rows (panel), >=, 1);

  act (f, "session.next", NULL);
  act (f, "session.next", NULL);
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, "enter-code");
  g_assert_nonnull (gp_session_get_injected_failure (session (f)));
  assert_last_by_agent (f, GP_EVENT_STEP_ENTERED);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-training-resumed.png");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gp_test_init_gtk (&argc, &argv);
  app = gp_test_application_new ("io.guidepost.Guidepost.UiTrainingTest");

  g_test_add ("/guidepost/ui/training/chooser", Fixture, NULL, setup, test_chooser, teardown);
  g_test_add ("/guidepost/ui/training/practice", Fixture, NULL, setup, test_practice, teardown);
  g_test_add ("/guidepost/ui/training/offers", Fixture, NULL, setup, test_offers, teardown);
  g_test_add ("/guidepost/ui/training/assessment", Fixture, NULL, setup, test_assessment, teardown);
  g_test_add ("/guidepost/ui/training/resume", Fixture, NULL, setup, test_resume, teardown);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
