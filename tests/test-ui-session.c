/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-complaint-dialog.h"
#include "gp-escalation-dialog.h"
#include "gp-end-page.h"
#include "gp-failure-panel.h"
#include "gp-fault-console.h"
#include "gp-intake-page.h"
#include "gp-mock-screen.h"
#include "gp-session-view.h"
#include "gp-step-view.h"
#include "gp-test-ui.h"

#define NARROW_WIDTH 360

static GtkApplication *app;

static const char * const test_languages[] = { "en_GB", "en", "C", NULL };

typedef struct {
  GpFlowLibrary *library;
  GtkWindow     *window;
  GpSessionView *view;
  GpJournal     *journal;
  char          *dir;
  GPtrArray     *expected;       /* event type names, as the test drives */
  gboolean       failure_seen;   /* offers without after_failure are refused from then on */
  guint          offers_answered;
  gboolean       screenshots;    /* of this flow's session */
} Fixture;

static GpStepView *
step_view (Fixture *f)
{
  return gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "step_view");
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
expect (Fixture    *f,
        const char *type)
{
  g_ptr_array_add (f->expected, g_strdup (type));
}

static void
act (Fixture    *f,
     const char *action,
     GVariant   *parameter)
{
  gp_test_view_activate (f->view, action, parameter);
}

static gboolean
offer_allowed (Fixture *f,
               GpStep  *step,
               GpOffer *offer)
{
  return !gp_session_get_offer_state (session (f), gp_step_get_id (step), gp_offer_get_id (offer), NULL, NULL) &&
         (!f->failure_seen || gp_offer_get_after_failure (offer));
}

/* The view makes the first offer of @when the session allows. */
static GpOffer *
offer_due_at (Fixture     *f,
              GpStep      *step,
              GpOfferWhen  when)
{

  if (gp_step_get_kind (step) == GP_STEP_KIND_END)
    return NULL;
  for (guint i = 0; i < gp_step_get_n_offers (step); i++)
    {
      GpOffer *offer = gp_step_get_offer (step, i);

      if (gp_offer_get_when (offer) == when && offer_allowed (f, step, offer))
        return offer;
    }
  return NULL;
}

static GpOffer *
offer_due (Fixture     *f,
           GpOfferWhen  when)
{
  return offer_due_at (f, current (f), when);
}

/* First offer answered accepted, the second declined, later ones left. */
static void
answer_banner (Fixture *f,
               GpOffer *expected_offer)
{
  const char *step_id = NULL;
  GpOffer *shown = gp_step_view_get_shown_offer (step_view (f), &step_id);

  g_assert_true (shown == expected_offer);
  g_assert_cmpstr (step_id, ==, gp_step_get_id (current (f)));
  if (f->offers_answered >= 2)
    return;
  if (f->screenshots && f->offers_answered == 0)
    gp_test_save_png (GTK_WIDGET (f->window), "ui-offer.png");
  act (f, f->offers_answered == 0 ? "session.accept-offer" : "session.decline-offer", NULL);
  expect (f, "offer-answered");
  f->offers_answered++;
  g_assert_null (gp_step_view_get_shown_offer (step_view (f), NULL));
}

/* After any entry: the on-enter offer, if the session allows one. */
static void
after_entry (Fixture *f,
             GpOffer *due)
{
  if (due == NULL)
    {
      g_assert_null (gp_step_view_get_shown_offer (step_view (f), NULL));
      return;
    }
  expect (f, "offer-presented");
  answer_banner (f, due);
}

/* Asked before the step is entered: once entered, the view has made the offer. */
static GpOffer *
due_on_entering (Fixture    *f,
                 const char *step_id)
{
  GpStep *step = gp_flow_lookup_step (gp_session_get_flow (session (f)), step_id);

  g_assert_nonnull (step);
  return offer_due_at (f, step, GP_OFFER_WHEN_ON_ENTER);
}

static void
press_next (Fixture *f)
{
  GpOffer *on_complete = offer_due (f, GP_OFFER_WHEN_ON_COMPLETE);
  GpStep *before = current (f);
  GpOffer *due;

  if (on_complete != NULL)
    {
      act (f, "session.next", NULL);
      expect (f, "offer-presented");
      g_assert_true (current (f) == before);
      answer_banner (f, on_complete);
    }
  due = due_on_entering (f, gp_step_get_next_id (before));
  act (f, "session.next", NULL);
  expect (f, "step-completed");
  expect (f, "step-entered");
  after_entry (f, due);
}

/* Moves from the current step along the edge to @next_id. */
static void
take_edge (Fixture    *f,
           const char *next_id)
{
  GpStep *step = current (f);
  const char * const *checks;

  switch (gp_step_get_kind (step))
    {
    case GP_STEP_KIND_IDENTITY_CHECK:
      checks = gp_step_get_checks (step);
      for (guint i = 0; checks != NULL && checks[i] != NULL; i++)
        {
          act (f, "session.pass-check", g_variant_new_uint32 (i));
          expect (f, "identity-check-passed");
        }
      press_next (f);
      break;
    case GP_STEP_KIND_QUESTION:
      for (guint i = 0; i < gp_step_get_n_choices (step); i++)
        if (g_strcmp0 (gp_choice_get_next_id (gp_step_get_choice (step, i)), next_id) == 0)
          {
            GpOffer *due = due_on_entering (f, next_id);

            act (f, "session.choose", g_variant_new_uint32 (i));
            expect (f, "choice-made");
            expect (f, "step-entered");
            after_entry (f, due);
            break;
          }
      break;
    case GP_STEP_KIND_SCREEN:
    case GP_STEP_KIND_INFO:
      press_next (f);
      break;
    case GP_STEP_KIND_END:
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, next_id);
}

typedef gboolean (*StepGoal) (Fixture *f, GpStep *step);

/* The shortest way through the flow (next, answers, passed checks) to a step @goal likes. */
static GPtrArray *
find_path (Fixture  *f,
           StepGoal  goal)
{
  GpFlow *flow = gp_session_get_flow (session (f));
  g_autoptr(GHashTable) parent = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GQueue) queue = g_queue_new ();
  GPtrArray *path = g_ptr_array_new ();
  const char *start = gp_step_get_id (current (f));

  g_hash_table_insert (parent, (gpointer) start, NULL);
  g_queue_push_tail (queue, (gpointer) start);
  while (!g_queue_is_empty (queue))
    {
      const char *id = g_queue_pop_head (queue);
      GpStep *step = gp_flow_lookup_step (flow, id);
      const char *nexts[16] = { NULL };
      guint n = 0;

      if (id != start && goal (f, step))
        {
          for (const char *at = id; at != start; at = g_hash_table_lookup (parent, at))
            g_ptr_array_insert (path, 0, (gpointer) at);
          return path;
        }
      if (gp_step_get_kind (step) == GP_STEP_KIND_QUESTION)
        for (guint i = 0; i < gp_step_get_n_choices (step) && n < G_N_ELEMENTS (nexts); i++)
          nexts[n++] = gp_choice_get_next_id (gp_step_get_choice (step, i));
      else if (gp_step_get_kind (step) != GP_STEP_KIND_END && gp_step_get_next_id (step) != NULL)
        nexts[n++] = gp_step_get_next_id (step);
      for (guint i = 0; i < n; i++)
        if (!g_hash_table_contains (parent, nexts[i]))
          {
            g_hash_table_insert (parent, (gpointer) nexts[i], (gpointer) id);
            g_queue_push_tail (queue, (gpointer) nexts[i]);
          }
    }
  g_ptr_array_unref (path);
  return NULL;
}

static void
follow (Fixture   *f,
        GPtrArray *path)
{
  for (guint i = 0; i < path->len; i++)
    take_edge (f, g_ptr_array_index (path, i));
}

static gboolean
has_unmade_offer (Fixture *f,
                  GpStep  *step)
{
  if (gp_step_get_kind (step) == GP_STEP_KIND_END)
    return FALSE;
  for (guint i = 0; i < gp_step_get_n_offers (step); i++)
    if (offer_allowed (f, step, gp_step_get_offer (step, i)))
      return TRUE;
  return FALSE;
}

static gboolean
is_end (Fixture *f,
        GpStep  *step)
{
  return gp_step_get_kind (step) == GP_STEP_KIND_END;
}

static gboolean
is_offer_step (Fixture *f,
               GpStep  *step)
{
  return gp_step_get_n_offers (step) > 0;
}

static void
open_view (Fixture *f,
           int      width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new ("", NULL);

  f->window = GTK_WINDOW (adw_window_new ());
  f->view = GP_SESSION_VIEW (gp_session_view_new ());
  g_object_bind_property (f->view, "title", title, "title", G_BINDING_SYNC_CREATE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_widget_set_vexpand (GTK_WIDGET (f->view), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  adw_window_set_content (ADW_WINDOW (f->window), box);
  gtk_window_set_default_size (f->window, width, 900);
  gtk_window_present (f->window);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->library = gp_flow_library_new ();
  gp_flow_library_set_languages (f->library, test_languages);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), >=, 4);

  f->dir = g_dir_make_tmp ("guidepost-ui-session-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "journal.db", NULL);
  f->journal = gp_journal_new_for_path (path, &error);
  g_assert_no_error (error);
  f->expected = g_ptr_array_new_with_free_func (g_free);

  open_view (f, GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 720);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gp_test_destroy_and_wait (GTK_WIDGET (f->window));
  g_assert_finalize_object (f->journal);
  g_assert_finalize_object (f->library);
  g_ptr_array_unref (f->expected);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
assert_journal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = gp_journal_load_events (f->journal, gp_session_get_id (session (f)), &error);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    g_string_append_printf (got, "%s\n", gp_event_type_to_string (gp_event_get_event_type (g_ptr_array_index (events, i))));
  for (guint i = 0; i < f->expected->len; i++)
    g_string_append_printf (want, "%s\n", (char *) g_ptr_array_index (f->expected, i));
  g_assert_cmpstr (got->str, ==, want->str);
  g_strdelimit (got->str, "\n", ' ');
  g_test_message ("journal of %s: %s", gp_flow_get_id (gp_session_get_flow (session (f))), got->str);
}

static void
start_assisted (Fixture *f,
                GpFlow  *flow)
{
  GpIntakePage *intake = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "intake_page");
  const char * const *goals = gp_flow_get_goals (flow);

  gp_session_view_start (f->view, flow, f->journal, goals != NULL ? goals[0] : NULL, GP_SESSION_MODE_ASSISTED);
  g_assert_null (gp_session_view_get_session (f->view));
  g_assert_cmpstr (gp_session_view_get_title (f->view), ==, gp_flow_get_title (flow));

  /* Intake: a new customer, offered the online route once more, who declines. */
  adw_combo_row_set_selected (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "familiarity_row"), GP_FAMILIARITY_NEW);
  adw_combo_row_set_selected (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "try_again_row"), GP_TRY_AGAIN_DECLINED);
  g_assert_cmpint (gp_intake_page_get_try_again (intake), ==, GP_TRY_AGAIN_DECLINED);
  g_assert_cmpuint (gp_intake_page_get_mode (intake), ==, GP_SESSION_MODE_ASSISTED);
  g_assert_cmpstr (gp_intake_page_get_agreed_problem (intake), !=, "");
  if (f->screenshots)
    gp_test_save_png (GTK_WIDGET (f->window), "ui-intake.png");

  act (f, "session.start", NULL);
  expect (f, "started");
  expect (f, "intake-recorded");
  expect (f, "step-entered");
  expect (f, "try-again-offered");
  expect (f, "try-again-declined");
  g_assert_cmpint (gp_session_get_familiarity (session (f)), ==, GP_FAMILIARITY_NEW);
  /* Start steps with offers would have theirs made already: the bundled ones have none. */
  g_assert_cmpuint (gp_step_get_n_offers (current (f)), ==, 0);
  after_entry (f, NULL);
}

static void
report_and_recover (Fixture *f)
{
  GpStep *step = current (f);
  GpFailurePanel *panel = gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "failure_panel");
  GpFailure *failure = gp_step_get_failure (step, 0);
  g_auto(GStrv) words = NULL;
  guint limit, retries;
  g_autofree char *search = NULL;
  GpOffer *due;

  /* The failure whose recovery is not an end, when there is one. */
  for (guint i = 0; i < gp_step_get_n_failures (step); i++)
    {
      GpFailure *candidate = gp_step_get_failure (step, i);

      if (gp_step_get_kind (gp_flow_lookup_step (gp_session_get_flow (session (f)),
                                                 gp_failure_get_recovery_id (candidate))) != GP_STEP_KIND_END)
        {
          failure = candidate;
          break;
        }
    }
  words = g_str_tokenize_and_fold (gp_failure_get_symptom (failure), NULL, NULL);
  limit = gp_failure_get_retry_limit (failure);
  retries = gp_session_get_retries (session (f), gp_step_get_id (step), gp_failure_get_id (failure));

  {
    GtkToggleButton *wrong = gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "wrong_button");

    /* The button is a toggle: pressed while the failures are listed, and says so. */
    g_assert_false (gtk_toggle_button_get_active (wrong));
    act (f, "session.something-wrong", NULL);
    g_assert_true (gtk_toggle_button_get_active (wrong));
    gtk_test_accessible_assert_state (GTK_ACCESSIBLE (wrong), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
    act (f, "session.something-wrong", NULL);
    g_assert_false (gtk_toggle_button_get_active (wrong));
    act (f, "session.something-wrong", NULL);
  }
  /* The customer's words find the failure: the start of a word of its symptom. */
  g_assert_nonnull (words[0]);
  search = g_utf8_substring (words[0], 0, MIN (4, g_utf8_strlen (words[0], -1)));
  gtk_editable_set_text (GTK_EDITABLE (gp_failure_panel_get_search_entry (panel)), search);
  g_assert_cmpuint (gp_failure_panel_get_n_visible (panel), >=, 1);
  gtk_editable_set_text (GTK_EDITABLE (gp_failure_panel_get_search_entry (panel)), "zzzqqq");
  g_assert_cmpuint (gp_failure_panel_get_n_visible (panel), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (gp_failure_panel_get_search_entry (panel)), search);

  act (f, "session.report-failure", g_variant_new_string (gp_failure_get_id (failure)));
  expect (f, "failure-reported");
  f->failure_seen = TRUE;
  g_assert_true (gp_failure_panel_get_open_failure (panel) == failure);
  if (f->screenshots)
    gp_test_save_png (GTK_WIDGET (f->window), "ui-failure-recovery.png");

  due = due_on_entering (f, gp_failure_get_recovery_id (failure));
  act (f, "session.take-recovery", NULL);
  expect (f, "recovery-taken");
  if (limit > 0 && retries + 1 == limit)
    expect (f, "retry-limit-reached");
  expect (f, "step-entered");
  g_assert_cmpstr (gp_step_get_id (current (f)), ==, gp_failure_get_recovery_id (failure));
  g_assert_null (gp_failure_panel_get_open_failure (panel));
  after_entry (f, due);
}

static void
finish (Fixture *f)
{
  GpEndPage *end = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "end_page");
  GtkStack *stack = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "stack");
  GpOutcome outcome = gp_step_get_outcome (current (f));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "end");
  gtk_editable_set_text (GTK_EDITABLE (gp_test_child (end, GP_TYPE_END_PAGE, "comment_row")), "Clear and patient");
  if (f->screenshots)
    gp_test_save_png (GTK_WIDGET (f->window), "ui-end.png");
  act (f, "session.satisfaction", g_variant_new_uint32 (4));
  expect (f, "satisfaction-recorded");
  act (f, "session.end", g_variant_new_string (gp_outcome_to_string (outcome)));
  expect (f, "ended");
  g_assert_true (gp_session_get_ended (session (f)));
  g_assert_cmpint (gp_session_get_outcome (session (f)), ==, outcome);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "end");
}

static void
drive_flow (Fixture *f,
            GpFlow  *flow)
{
  GPtrArray *path;
  guint backs = 0;

  g_test_message ("flow %s", gp_flow_get_id (flow));
  g_ptr_array_set_size (f->expected, 0);
  f->failure_seen = FALSE;
  f->offers_answered = 0;

  start_assisted (f, flow);

  /* One hint at the first step. */
  if (gp_step_get_n_hints (current (f)) > 0)
    {
      act (f, "session.hint", NULL);
      expect (f, "hint-revealed");
      g_assert_cmpuint (gp_session_get_hints_used (session (f), gp_step_get_id (current (f))), ==, 1);
      if (f->screenshots)
        gp_test_save_png (GTK_WIDGET (f->window), "ui-step-highlight.png");
    }

  /* Offers first: after a failure the session makes none. */
  while (f->offers_answered < 2 && (path = find_path (f, has_unmade_offer)) != NULL)
    {
      follow (f, path);
      g_ptr_array_unref (path);
      if (f->offers_answered < 2 && offer_due (f, GP_OFFER_WHEN_ON_COMPLETE) != NULL)
        {
          GpOffer *offer = offer_due (f, GP_OFFER_WHEN_ON_COMPLETE);

          act (f, "session.next", NULL);
          expect (f, "offer-presented");
          answer_banner (f, offer);
        }
    }
  g_assert_cmpuint (f->offers_answered, ==, 2);

  /* Then a failure: back to the nearest step that lists one. */
  while (gp_step_get_n_failures (current (f)) == 0 || gp_step_get_kind (current (f)) == GP_STEP_KIND_END)
    {
      GPtrArray *history = gp_session_get_history (session (f));
      GpOffer *due;

      g_assert_cmpuint (++backs, <, 20);
      g_assert_cmpuint (history->len, >, 0);
      due = due_on_entering (f, g_ptr_array_index (history, history->len - 1));
      act (f, "session.back", NULL);
      expect (f, "step-entered");
      after_entry (f, due);
    }
  report_and_recover (f);

  /* And on to an end. */
  if (!is_end (f, current (f)))
    {
      path = find_path (f, is_end);
      g_assert_nonnull (path);
      follow (f, path);
      g_ptr_array_unref (path);
    }
  finish (f);
  assert_journal (f);
}

static void
test_each_flow (Fixture       *f,
                gconstpointer  data)
{
  GListModel *flows = G_LIST_MODEL (f->library);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(GpFlow) flow = g_list_model_get_item (flows, i);

      f->screenshots = g_strcmp0 (gp_flow_get_id (flow), "renew-parking-permit") == 0;
      drive_flow (f, flow);
    }
}

/* A peer's action (here: the session called directly) shows without the view acting. */
static void
test_observes_session (Fixture       *f,
                       gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "renew-parking-permit");
  g_autoptr(GpSession) s = NULL;
  g_autoptr(GError) error = NULL;
  GtkLabel *title;

  g_assert_nonnull (flow);
  s = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "renew", GP_FAMILIARITY_FAMILIAR, "renew my permit", NULL);
  gp_session_view_show_session (f->view, s);
  title = gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "title_label");
  g_assert_cmpstr (gtk_label_get_label (title), ==, gp_step_get_title (gp_session_get_current_step (s)));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_ROLE_HEADING);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "mock_screen")),
                                   GTK_ACCESSIBLE_ROLE_GROUP);

  g_assert_true (gp_session_next (s, GP_ACTOR_CUSTOMER, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_label (title), ==, gp_step_get_title (gp_session_get_current_step (s)));

  /* A familiar customer: the why is one press away, and the press is recorded. */
  g_assert_false (gtk_widget_get_visible (gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "why_card")));
  act (f, "session.why", NULL);
  g_assert_true (gtk_widget_get_visible (gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "why_card")));

  /* The hint ladder: one more per press, all revealed ones shown. */
  g_assert_true (gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, &error));
  act (f, "session.hint", NULL);
  g_assert_cmpuint (gp_session_get_hints_used (s, gp_step_get_id (gp_session_get_current_step (s))), ==, 2);
  {
    GtkWidget *list = gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "hint_list");
    guint n = 0;

    for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  gp_session_view_show_session (f->view, s);
}

static void report_wide (GtkWidget *widget, int width, int depth);

/* A session that stopped between entering a step and making its on-enter offer (a crash,
 * or the customer's app on its own) makes it when the agent's view shows the session. */
static void
test_resumed_session_makes_offer (Fixture       *f,
                                  gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "regain-online-banking");
  g_autoptr(GpSession) s = NULL;
  g_autoptr(GError) error = NULL;
  GpOffer *offer = NULL;
  GpStep *step;
  const char *shown_step = NULL;

  s = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "locked out", GP_FAMILIARITY_NEW, "locked out", NULL);
  /* Walk the likeliest way to the first step with an on-enter offer, making no offer. */
  for (guint moves = 0; moves < 40 && offer == NULL; moves++)
    {
      step = gp_session_get_current_step (s);
      for (guint i = 0; i < gp_step_get_n_offers (step) && offer == NULL; i++)
        if (gp_offer_get_when (gp_step_get_offer (step, i)) == GP_OFFER_WHEN_ON_ENTER)
          offer = gp_step_get_offer (step, i);
      if (offer != NULL)
        break;
      if (gp_step_get_kind (step) == GP_STEP_KIND_QUESTION)
        g_assert_true (gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, &error));
      else
        {
          for (guint c = 0; gp_step_get_checks (step)[c] != NULL; c++)
            g_assert_true (gp_session_pass_check (s, GP_ACTOR_AGENT, c, &error));
          g_assert_true (gp_session_next (s, GP_ACTOR_CUSTOMER, &error));
        }
      g_assert_no_error (error);
    }
  g_assert_nonnull (offer);
  step = gp_session_get_current_step (s);
  g_assert_false (gp_session_get_offer_state (s, gp_step_get_id (step), gp_offer_get_id (offer), NULL, NULL));

  gp_session_view_show_session (f->view, s);
  g_assert_true (gp_session_get_offer_state (s, gp_step_get_id (step), gp_offer_get_id (offer), NULL, NULL));
  g_assert_true (gp_step_view_get_shown_offer (step_view (f), &shown_step) == offer);
  g_assert_cmpstr (shown_step, ==, gp_step_get_id (step));

  /* Shown again, nothing is offered twice. */
  {
    guint n_events = gp_session_get_n_events (s);

    gp_session_view_show_session (f->view, s);
    g_assert_cmpuint (gp_session_get_n_events (s), ==, n_events);
  }
}

static void
test_narrow_and_dark (Fixture       *f,
                      gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "regain-online-banking");
  GpMockScreen *mock;
  GtkWidget *target;
  int dpi = 0;

  g_assert_nonnull (flow);
  gp_session_view_start (f->view, flow, f->journal, "forgot password", GP_SESSION_MODE_ASSISTED);
  act (f, "session.start", NULL);
  act (f, "session.hint", NULL);
  act (f, "session.something-wrong", NULL);

  mock = gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "mock_screen");
  target = gp_mock_screen_get_target (mock);
  g_assert_nonnull (target);
  g_assert_true (gtk_widget_has_css_class (target, "target"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Highlighted: this is the part to use now");

  /* Nothing is wider than the window. */
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  report_wide (GTK_WIDGET (f->view), NARROW_WIDTH, 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-step-360.png");

  /* Large text (150 %) still fits, by wrapping. */
  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
  report_wide (GTK_WIDGET (f->view), NARROW_WIDTH, 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, NARROW_WIDTH);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-step-360-large-text.png");
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", dpi, NULL);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (f->window, 720, 900);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-step-dark.png");
}

/* At the retry limit the recovery gives way to the escalation the flow proposes. */
static void
test_retry_limit (Fixture       *f,
                  gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "redirect-parcel");
  GtkStack *stack = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "stack");
  GtkWidget *escalation_box;
  GtkWidget *dialog;
  GpStep *step;
  GpFailure *failure;
  const char *to = NULL, *proposed_reason = NULL;
  GPtrArray *path;

  g_assert_nonnull (flow);
  gp_session_view_start (f->view, flow, f->journal, NULL, GP_SESSION_MODE_ASSISTED);
  act (f, "session.start", NULL);
  while (g_strcmp0 (gp_step_get_id (current (f)), "verify-code") != 0)
    {
      g_assert_cmpint (gp_step_get_kind (current (f)), !=, GP_STEP_KIND_END);
      take_edge (f, gp_step_get_next_id (current (f)));
    }
  step = current (f);
  failure = gp_step_lookup_failure (step, "code-not-arrived");
  g_assert_nonnull (failure);
  g_assert_cmpuint (gp_failure_get_retry_limit (failure), ==, 2);
  escalation_box = gp_test_child (step_view (f), GP_TYPE_STEP_VIEW, "escalation_box");

  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (gtk_widget_get_visible (escalation_box));
      act (f, "session.report-failure", g_variant_new_string ("code-not-arrived"));
      act (f, "session.take-recovery", NULL);
      g_assert_true (current (f) == step);
    }
  g_assert_true (gp_session_get_proposed_escalation (session (f), &to, NULL, &proposed_reason));
  g_assert_true (gtk_widget_get_visible (escalation_box));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-escalation-proposed.png");

  /* Reported once more: no recovery left to take. */
  act (f, "session.report-failure", g_variant_new_string ("code-not-arrived"));
  g_assert_false (gtk_widget_get_visible (gp_test_child (gp_test_child (step_view (f), GP_TYPE_STEP_VIEW,
                                                                        "failure_panel"),
                                                         GP_TYPE_FAILURE_PANEL, "recovery_button")));

  act (f, "session.escalate", NULL);
  dialog = gp_test_find_toplevel (GP_TYPE_ESCALATION_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gp_escalation_dialog_get_to (GP_ESCALATION_DIALOG (dialog)), ==, to);
  g_assert_cmpint (gp_escalation_dialog_get_priority (GP_ESCALATION_DIALOG (dialog)), ==, GP_PRIORITY_NORMAL);
  {
    g_autofree char *reason = gp_escalation_dialog_dup_reason (GP_ESCALATION_DIALOG (dialog));

    g_assert_cmpstr (reason, ==, proposed_reason != NULL ? proposed_reason : "");
  }
  gp_test_save_png (dialog, "ui-escalation-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "escalate");
  g_assert_false (gp_session_get_proposed_escalation (session (f), NULL, NULL, NULL));

  /* Escalation pauses the session: back to the steps, or end it as escalated. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "end");
  act (f, "session.resume", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "step");

  /* After a failure the session makes no offer that is not for after failures: none shows. */
  f->failure_seen = TRUE;
  path = find_path (f, is_offer_step);
  g_assert_nonnull (path);
  follow (f, path);
  g_ptr_array_unref (path);
  g_assert_null (gp_step_view_get_shown_offer (step_view (f), NULL));
  for (guint i = 0; i < gp_step_get_n_offers (current (f)); i++)
    g_assert_false (gp_session_get_offer_state (session (f), gp_step_get_id (current (f)),
                                                gp_offer_get_id (gp_step_get_offer (current (f), i)), NULL, NULL));

  act (f, "session.wrap-up", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "end");
  act (f, "session.end", g_variant_new_string ("escalated"));
  g_assert_cmpint (gp_session_get_outcome (session (f)), ==, GP_OUTCOME_ESCALATED);
}

static void
test_self_service (Fixture       *f,
                   gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "submit-meter-reading");
  GpStepView *sv;
  GpIntakePage *intake = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "intake_page");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GpEvent *last;

  g_assert_nonnull (flow);
  gp_session_view_start (f->view, flow, f->journal, "meter reading", GP_SESSION_MODE_SELF_SERVICE);
  /* No try-again offer on one's own: that is for an agent to make. */
  g_assert_false (gtk_widget_get_visible (gp_test_child (intake, GP_TYPE_INTAKE_PAGE, "try_again_group")));
  act (f, "session.start", NULL);
  g_assert_cmpint (gp_session_get_mode (session (f)), ==, GP_SESSION_MODE_SELF_SERVICE);
  sv = step_view (f);

  /* Addressed to the customer, no talk track, and "I need help". */
  g_assert_false (gtk_widget_get_visible (gp_test_child (sv, GP_TYPE_STEP_VIEW, "talk_box")));
  g_assert_cmpstr (gtk_label_get_label (gp_test_child (sv, GP_TYPE_STEP_VIEW, "why_title")), ==,
                   "Why you need to do this");
  g_assert_true (gtk_widget_get_visible (gp_test_child (sv, GP_TYPE_STEP_VIEW, "need_help_button")));
  act (f, "session.something-wrong", NULL);
  act (f, "session.report-failure",
       g_variant_new_string (gp_failure_get_id (gp_step_get_failure (current (f), 0))));
  g_assert_false (gtk_widget_get_visible (gp_test_child (gp_test_child (sv, GP_TYPE_STEP_VIEW, "failure_panel"),
                                                         GP_TYPE_FAILURE_PANEL, "say_box")));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-self-service.png");

  act (f, "session.need-help", NULL);
  events = gp_journal_load_events (f->journal, gp_session_get_id (session (f)), &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (gp_event_get_event_type (last), ==, GP_EVENT_HANDOFF_REQUESTED);
}

/* Names the widgets that ask for more than @width: what to fix when a page does not fit. */
static void
report_wide (GtkWidget *widget,
             int        width,
             int        depth)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > width)
    g_test_message ("%*s%s (%s) wants %d", depth, "", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_name (widget), min);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c))
      report_wide (c, width, depth + 1);
}

static void
test_escalate_and_complain (Fixture       *f,
                            gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "redirect-parcel");
  GtkWidget *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GtkStack *stack = gp_test_child (f->view, GP_TYPE_SESSION_VIEW, "stack");

  gp_session_view_start (f->view, flow, f->journal, NULL, GP_SESSION_MODE_ASSISTED);
  act (f, "session.start", NULL);

  act (f, "session.complaint", NULL);
  dialog = gp_test_find_toplevel (GP_TYPE_COMPLAINT_DIALOG);
  g_assert_nonnull (dialog);
  gp_complaint_dialog_set_text (GP_COMPLAINT_DIALOG (dialog), "The website kept logging me out");
  gp_test_save_png (dialog, "ui-complaint-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "log");

  act (f, "session.escalate", NULL);
  dialog = gp_test_find_toplevel (GP_TYPE_ESCALATION_DIALOG);
  g_assert_nonnull (dialog);
  gp_escalation_dialog_set_to (GP_ESCALATION_DIALOG (dialog), "Parcel team");
  /* A reason of more than one line is kept whole, without the blank space around it. */
  gp_escalation_dialog_set_reason (GP_ESCALATION_DIALOG (dialog),
                                   "  Redirect refused twice.\nThe customer is travelling on Friday.\n\n");
  gp_test_save_png (dialog, "ui-escalation-reason.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "escalate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "end");

  act (f, "session.end", g_variant_new_string ("escalated"));
  g_assert_cmpint (gp_session_get_outcome (session (f)), ==, GP_OUTCOME_ESCALATED);

  events = gp_journal_load_events (f->journal, gp_session_get_id (session (f)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpint (gp_event_get_event_type (g_ptr_array_index (events, 3)), ==, GP_EVENT_COMPLAINT_LOGGED);
  g_assert_cmpint (gp_event_get_event_type (g_ptr_array_index (events, 4)), ==, GP_EVENT_ESCALATED);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (g_ptr_array_index (events, 4)), "reason"), ==,
                   "Redirect refused twice.\nThe customer is travelling on Friday.");
  g_assert_cmpint (gp_event_get_event_type (g_ptr_array_index (events, 5)), ==, GP_EVENT_ENDED);
}


static gboolean
is_card_payment (Fixture *f,
                 GpStep  *step)
{
  return g_strcmp0 (gp_step_get_id (step), "card-payment") == 0;
}

static GpEvent *
last_journal_event (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = gp_journal_load_events (f->journal, gp_session_get_id (session (f)), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 0);
  return g_object_ref (g_ptr_array_index (events, events->len - 1));
}

static const char *
banner_text (GtkWidget *banner)
{
  for (GtkWidget *c = gtk_widget_get_first_child (banner); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c))
      return gtk_label_get_label (GTK_LABEL (c));
  return NULL;
}

/* Whether every part of the mock screen but the banner is greyed out. */
static gboolean
page_dimmed (GpMockScreen *mock)
{
  GtkWidget *banner = gp_mock_screen_get_failure_banner (mock);
  GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (mock));
  gboolean any = FALSE, all = TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (c != banner)
      {
        any = TRUE;
        all &= gtk_widget_get_opacity (c) < 0.5;
      }
  return any && all && gtk_widget_has_css_class (box, "failure-dimmed");
}

/* Training: the trainer injects a failure of the current step from the fault console and
 * the trainee's mock screen shows it as the customer would see it. */
static void
test_fault_console (Fixture       *f,
                    gconstpointer  data)
{
  GpFlow *flow = gp_flow_library_lookup (f->library, "renew-parking-permit");
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GpEvent) last = NULL;
  GpStepView *sv;
  GpFaultConsole *console;
  GpMockScreen *mock;
  GtkWidget *banner;
  GpFailure *system_failure, *customer_failure;
  guint n_rows = 0;

  g_assert_nonnull (flow);
  gp_session_view_start (f->view, flow, f->journal, "renew my permit", GP_SESSION_MODE_TRAINING);
  act (f, "session.start", NULL);
  g_assert_cmpint (gp_session_get_mode (session (f)), ==, GP_SESSION_MODE_TRAINING);
  sv = step_view (f);
  console = gp_test_child (sv, GP_TYPE_STEP_VIEW, "fault_console");
  mock = gp_test_child (sv, GP_TYPE_STEP_VIEW, "mock_screen");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (console)));

  path = find_path (f, is_card_payment);
  g_assert_nonnull (path);
  follow (f, path);
  system_failure = gp_step_lookup_failure (current (f), "payment-timeout");
  customer_failure = gp_step_lookup_failure (current (f), "card-declined");
  g_assert_nonnull (system_failure);
  g_assert_nonnull (customer_failure);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (console)));
  g_assert_null (gp_mock_screen_get_failure_banner (mock));

  /* Every failure of the step, each with its button. */
  {
    GtkWidget *expander = gp_fault_console_get_expander (console);
    GPtrArray *stack = g_ptr_array_new ();

    /* Count the action rows below the expander. */
    g_ptr_array_add (stack, expander);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (w != expander && ADW_IS_ACTION_ROW (w) && g_object_get_data (G_OBJECT (w), "gp-failure-id") != NULL)
          n_rows++;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_cmpuint (n_rows, ==, gp_step_get_n_failures (current (f)));

  /* A system failure: banner with the symptom, the page greyed out. */
  act (f, "session.inject-failure", g_variant_new_string ("payment-timeout"));
  g_assert_true (gp_session_get_injected_failure (session (f)) == system_failure);
  last = last_journal_event (f);
  g_assert_cmpint (gp_event_get_event_type (last), ==, GP_EVENT_FAILURE_INJECTED);
  g_assert_cmpint (gp_event_get_actor (last), ==, GP_ACTOR_TRAINER);
  g_clear_object (&last);
  banner = gp_mock_screen_get_failure_banner (mock);
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_true (gtk_widget_has_css_class (banner, "injected-failure"));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (banner)), ==, GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_cmpstr (banner_text (banner), ==, gp_failure_get_symptom (system_failure));
  g_assert_true (gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (mock))) == banner);
  g_assert_true (page_dimmed (mock));
  gp_test_save_png (GTK_WIDGET (console), "ui-fault-console.png");
  gp_test_save_png (GTK_WIDGET (mock), "ui-injected-failure.png");
  gp_test_save_png (GTK_WIDGET (f->window), "ui-injected-failure-window.png");

  /* One at a time: the refusal is a toast, nothing is recorded. */
  {
    guint before = gp_session_get_n_events (session (f));

    g_assert_nonnull (gp_session_get_injected_failure (session (f)));
    gtk_widget_activate_action (GTK_WIDGET (f->view), "session.inject-failure", "s", "card-declined");
    g_assert_cmpuint (gp_session_get_n_events (session (f)), ==, before);
  }

  /* Cleared: the page is back. */
  act (f, "session.clear-failure", NULL);
  last = last_journal_event (f);
  g_assert_cmpint (gp_event_get_event_type (last), ==, GP_EVENT_FAILURE_CLEARED);
  g_clear_object (&last);
  g_assert_null (gp_mock_screen_get_failure_banner (mock));
  g_assert_false (page_dimmed (mock));

  /* A customer failure: the banner, the page as it is. */
  act (f, "session.inject-failure", g_variant_new_string ("card-declined"));
  banner = gp_mock_screen_get_failure_banner (mock);
  g_assert_nonnull (banner);
  g_assert_cmpstr (banner_text (banner), ==, gp_failure_get_symptom (customer_failure));
  g_assert_false (page_dimmed (mock));
  gp_test_save_png (GTK_WIDGET (mock), "ui-injected-failure-customer.png");

  /* The trainee reports it and recovers as usual; entering the step again clears it. */
  act (f, "session.report-failure", g_variant_new_string ("card-declined"));
  act (f, "session.take-recovery", NULL);
  g_assert_null (gp_session_get_injected_failure (session (f)));
  g_assert_null (gp_mock_screen_get_failure_banner (mock));

  /* Shown as a co-browsing trainee's mirror: the symptom, never the console. */
  if (gp_step_get_n_failures (current (f)) > 0)
    {
      g_autoptr(GError) error = NULL;

      g_object_set_data (G_OBJECT (session (f)), "gp-customer-view", GINT_TO_POINTER (TRUE));
      g_assert_true (gp_session_inject_failure (session (f), GP_ACTOR_TRAINER,
                                                gp_failure_get_id (gp_step_get_failure (current (f), 0)), &error));
      g_assert_no_error (error);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (console)));
      g_assert_nonnull (gp_mock_screen_get_failure_banner (mock));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gp_test_init_gtk (&argc, &argv);
  app = GTK_APPLICATION (gp_test_application_new ("io.guidepost.Guidepost.UiSessionTest"));

  g_test_add ("/guidepost/ui/session/each-flow", Fixture, NULL, setup, test_each_flow, teardown);
  g_test_add ("/guidepost/ui/session/observes-session", Fixture, NULL, setup, test_observes_session, teardown);
  g_test_add ("/guidepost/ui/session/resumed-session-makes-offer", Fixture, NULL, setup,
              test_resumed_session_makes_offer, teardown);
  g_test_add ("/guidepost/ui/session/narrow-and-dark", Fixture, GINT_TO_POINTER (NARROW_WIDTH),
              setup, test_narrow_and_dark, teardown);
  g_test_add ("/guidepost/ui/session/retry-limit", Fixture, NULL, setup, test_retry_limit, teardown);
  g_test_add ("/guidepost/ui/session/self-service", Fixture, NULL, setup, test_self_service, teardown);
  g_test_add ("/guidepost/ui/session/escalate-and-complain", Fixture, NULL, setup, test_escalate_and_complain, teardown);
  g_test_add ("/guidepost/ui/session/fault-console", Fixture, NULL, setup, test_fault_console, teardown);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
