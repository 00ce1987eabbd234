/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-event-text.h"
#include "gp-journal-row.h"
#include "gp-replay-window.h"
#include "gp-score-report.h"
#include "gp-step-view.h"

struct _GpReplayWindow
{
  AdwWindow        parent_instance;

  GpSessionReplay *replay;
  /* The row of the last applied event, highlighted as selected.  The list's own
   * selection is off: it would select (and so seek to) a row merely focused. */
  GtkWidget       *current_row;

  AdwLeaflet      *leaflet;
  GtkWidget       *timeline_page;
  GtkWidget       *state_page;
  GtkWidget       *back_button;
  AdwWindowTitle  *timeline_title;
  AdwWindowTitle  *window_title;
  GtkScrolledWindow *timeline_scroller;
  GtkListBox      *timeline_list;
  GtkLabel        *event_label;
  GtkLabel        *summary_label;
  GtkLabel        *outcome_label;
  GtkStack        *state_stack;
  GpStepView      *step_view;
  GtkWidget       *play_button;
  GtkDropDown     *speed_dropdown;
  GpScoreReport   *score_report;
  /* The whole session's score when it played a scenario (NULL otherwise). */
  GpTrainingScore *score;
};

G_DEFINE_FINAL_TYPE (GpReplayWindow, gp_replay_window, ADW_TYPE_WINDOW)

/* The dropdown's items, in order. */
static const GpReplaySpeed speeds[] = {
  GP_REPLAY_SPEED_HALF, GP_REPLAY_SPEED_NORMAL, GP_REPLAY_SPEED_DOUBLE,
  GP_REPLAY_SPEED_QUADRUPLE, GP_REPLAY_SPEED_OCTUPLE, GP_REPLAY_SPEED_NO_WAITING,
};

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  GpReplayWindow *self = user_data;
  GpEvent *event = GP_EVENT (item);
  guint index = (guint) gp_event_get_seq (event) - 1;
  g_autofree char *offset = gp_format_offset (gp_session_replay_get_event_offset (self->replay, index));
  g_autofree char *sentence = gp_event_describe (event, gp_session_replay_get_flow (self->replay));
  g_autofree char *caption = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption_label;
  GtkWidget *sentence_label;

  /* Where someone stalled matters in a debrief: long pauses are named. */
  if (index > 0 && gp_session_replay_get_event_offset (self->replay, index) -
                   gp_session_replay_get_event_offset (self->replay, index - 1) >= 60 * G_USEC_PER_SEC)
    {
      gint64 pause_us = gp_session_replay_get_event_offset (self->replay, index) -
                        gp_session_replay_get_event_offset (self->replay, index - 1);
      int minutes = (int) (pause_us / (60 * G_USEC_PER_SEC));

      /* Translators: time since the start · who · how long nothing happened before */
      caption = g_strdup_printf (ngettext ("%s · %s · after %d minute", "%s · %s · after %d minutes", minutes),
                                 offset, gp_actor_describe (gp_event_get_actor (event)), minutes);
    }
  else
    /* Translators: time since the start · who */
    caption = g_strdup_printf (_("%s · %s"), offset, gp_actor_describe (gp_event_get_actor (event)));

  caption_label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (caption_label, "numeric");

  sentence_label = gtk_label_new (sentence);
  gtk_label_set_xalign (GTK_LABEL (sentence_label), 0);
  gtk_label_set_wrap (GTK_LABEL (sentence_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (sentence_label), PANGO_WRAP_WORD_CHAR);

  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_box_append (GTK_BOX (box), sentence_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption, -1);
  return row;
}

static guint
total_hints (GpSession *session)
{
  GpFlow *flow = gp_session_get_flow (session);
  guint total = 0;

  for (guint i = 0; i < gp_flow_get_n_steps (flow); i++)
    total += gp_session_get_hints_used (session, gp_step_get_id (gp_flow_get_step (flow, i)));
  return total;
}

static guint
total_failures (GpSession *session)
{
  GpFlow *flow = gp_session_get_flow (session);
  guint total = 0;

  for (guint i = 0; i < gp_flow_get_n_steps (flow); i++)
    {
      GpStep *step = gp_flow_get_step (flow, i);

      for (guint j = 0; j < gp_step_get_n_failures (step); j++)
        total += gp_session_get_failure_count (session, gp_step_get_id (step),
                                               gp_failure_get_id (gp_step_get_failure (step, j)));
    }
  return total;
}

static const char *
outcome_words (GpOutcome outcome)
{
  switch (outcome)
    {
    case GP_OUTCOME_COMPLETED:
      return _("Ended: completed");
    case GP_OUTCOME_ESCALATED:
      return _("Ended: escalated");
    case GP_OUTCOME_ABANDONED:
      return _("Ended: abandoned");
    case GP_OUTCOME_NONE:
    default:
      return _("Ended");
    }
}

static void
update_summary (GpReplayWindow *self)
{
  GpSession *session = gp_session_replay_get_session (self->replay);
  guint position = gp_session_replay_get_position (self->replay);
  guint n = gp_session_replay_get_n_events (self->replay);
  g_autofree char *event_text = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  if (position == 0)
    /* Translators: %u is the number of events */
    event_text = g_strdup_printf (ngettext ("Before the first of %u event", "Before the first of %u events", n), n);
  else
    {
      g_autofree char *offset = gp_format_offset (gp_session_replay_get_event_offset (self->replay, position - 1));

      /* Translators: event number, number of events, time since the start */
      event_text = g_strdup_printf (_("Event %u of %u · %s"), position, n, offset);
    }
  /* Playing, a long idle gap before the next event is shortened: say so while it lasts. */
  if (gp_session_replay_get_playing (self->replay) && position < n &&
      gp_session_replay_get_speed (self->replay) != GP_REPLAY_SPEED_NO_WAITING)
    {
      gboolean shortened = FALSE;

      gp_session_replay_get_delay (self->replay, position, &shortened);
      if (shortened)
        {
          /* Translators: added while a replay skips most of a long pause */
          g_autofree char *with_gap = g_strdup_printf (_("%s · gap shortened"), event_text);

          g_free (event_text);
          event_text = g_steal_pointer (&with_gap);
        }
    }
  gtk_label_set_label (self->event_label, event_text);

  if (session != NULL && gp_session_get_current_step (session) != NULL)
    {
      guint hints = total_hints (session);
      guint failures = total_failures (session);

      /* The step's number is the step view's, just below. */
      /* Translators: how many hints were revealed so far */
      g_string_append_printf (summary, ngettext ("%u hint used", "%u hints used", hints), hints);
      g_string_append (summary, " · ");
      /* Translators: how many failures were reported so far */
      g_string_append_printf (summary, ngettext ("%u failure so far", "%u failures so far", failures), failures);
      g_string_append (summary, " · ");
      g_string_append (summary, gp_session_get_driver (session) == GP_ACTOR_AGENT
                                ? _("Agent driving") : _("Customer driving"));
    }
  gtk_label_set_label (self->summary_label, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary->len > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), session != NULL && gp_session_get_ended (session));
  if (session != NULL && gp_session_get_ended (session))
    gtk_label_set_label (self->outcome_label, outcome_words (gp_session_get_outcome (session)));
}

static void
scroll_to_row (GpReplayWindow *self,
               GtkWidget      *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->timeline_scroller);
  graphene_rect_t bounds;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->timeline_list), &bounds))
    return;
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
}

static void
update_position (GpReplayWindow *self)
{
  guint position = gp_session_replay_get_position (self->replay);
  guint n = gp_session_replay_get_n_events (self->replay);
  GpSession *session = gp_session_replay_get_session (self->replay);
  GtkListBoxRow *row = position > 0 ? gtk_list_box_get_row_at_index (self->timeline_list, (int) position - 1) : NULL;

  if (self->current_row != GTK_WIDGET (row))
    {
      if (self->current_row != NULL)
        {
          gtk_widget_unset_state_flags (self->current_row, GTK_STATE_FLAG_SELECTED);
          gtk_accessible_update_state (GTK_ACCESSIBLE (self->current_row), GTK_ACCESSIBLE_STATE_SELECTED, FALSE, -1);
        }
      g_set_weak_pointer (&self->current_row, GTK_WIDGET (row));
      if (row != NULL)
        {
          gtk_widget_set_state_flags (GTK_WIDGET (row), GTK_STATE_FLAG_SELECTED, FALSE);
          gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
        }
    }
  if (row != NULL)
    scroll_to_row (self, GTK_WIDGET (row));

  /* The step view follows the session's own events while it moves forward; a
   * session replaced (moving back) is given to it again. */
  gp_step_view_set_session (self->step_view, session);
  if (self->score != NULL && position == n)
    gtk_stack_set_visible_child_name (self->state_stack, "score");
  else
    gtk_stack_set_visible_child_name (self->state_stack,
                                      session != NULL && gp_session_get_current_step (session) != NULL
                                      ? "step" : "before");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.previous", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.start", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.next", position < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.end", position < n);
  update_summary (self);
}

static void
update_playing (GpReplayWindow *self)
{
  gboolean playing = gp_session_replay_get_playing (self->replay);
  const char *label = playing ? _("Pause") : _("Play");
  /* Translators: a tooltip; Space is the key */
  g_autofree char *tooltip = g_strdup_printf (_("%s (Space)"), label);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  update_summary (self);
}

static void
update_speed (GpReplayWindow *self)
{
  GpReplaySpeed speed = gp_session_replay_get_speed (self->replay);

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed && gtk_drop_down_get_selected (self->speed_dropdown) != i)
      gtk_drop_down_set_selected (self->speed_dropdown, i);
  update_summary (self);
}

static void
on_speed_selected (GpReplayWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->speed_dropdown);

  if (self->replay != NULL && selected < G_N_ELEMENTS (speeds))
    gp_session_replay_set_speed (self->replay, speeds[selected]);
}

static void
on_row_activated (GpReplayWindow *self,
                  GtkListBoxRow  *row)
{
  gp_session_replay_seek (self->replay, (guint) gtk_list_box_row_get_index (row) + 1);
  /* Narrow: show what the chosen event led to. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->state_page);
}

static void
on_leaflet_folded (GpReplayWindow *self)
{
  if (!adw_leaflet_get_folded (self->leaflet))
    return;
  /* Folded, the state is what a debrief watches; the timeline is one press away. */
  adw_leaflet_set_visible_child (self->leaflet, self->state_page);
}

static void
replay_play_pause (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GpReplayWindow *self = GP_REPLAY_WINDOW (widget);

  if (gp_session_replay_get_playing (self->replay))
    gp_session_replay_pause (self->replay);
  else
    gp_session_replay_play (self->replay);
}

static void
replay_step (GpReplayWindow *self,
             int             delta)
{
  guint position = gp_session_replay_get_position (self->replay);

  if (delta < 0 && position == 0)
    return;
  gp_session_replay_pause (self->replay);
  gp_session_replay_seek (self->replay, delta < 0 ? position - 1 : position + 1);
}

static void
replay_previous (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  replay_step (GP_REPLAY_WINDOW (widget), -1);
}

static void
replay_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  replay_step (GP_REPLAY_WINDOW (widget), +1);
}

static void
replay_start (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GpReplayWindow *self = GP_REPLAY_WINDOW (widget);

  gp_session_replay_pause (self->replay);
  gp_session_replay_seek (self->replay, 0);
}

static void
replay_end (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GpReplayWindow *self = GP_REPLAY_WINDOW (widget);

  gp_session_replay_pause (self->replay);
  gp_session_replay_seek (self->replay, gp_session_replay_get_n_events (self->replay));
}

static void
replay_show_timeline (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GpReplayWindow *self = GP_REPLAY_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->timeline_page);
}

static void
gp_replay_window_dispose (GObject *object)
{
  GpReplayWindow *self = GP_REPLAY_WINDOW (object);

  if (self->replay != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->replay, self);
      gp_session_replay_pause (self->replay);
    }
  g_clear_weak_pointer (&self->current_row);
  if (self->timeline_list != NULL)
    gtk_list_box_bind_model (self->timeline_list, NULL, NULL, NULL, NULL);
  if (self->step_view != NULL)
    gp_step_view_set_session (self->step_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_REPLAY_WINDOW);
  g_clear_object (&self->replay);
  g_clear_object (&self->score);

  G_OBJECT_CLASS (gp_replay_window_parent_class)->dispose (object);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  key,
              GdkModifierType        modifiers,
              const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_named_action_new (action_name)));
}

static void
gp_replay_window_class_init (GpReplayWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_replay_window_dispose;

  g_type_ensure (GP_TYPE_STEP_VIEW);
  g_type_ensure (GP_TYPE_SCORE_REPORT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-replay-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpReplayWindow, name)
  BIND (leaflet);
  BIND (timeline_page);
  BIND (state_page);
  BIND (back_button);
  BIND (timeline_title);
  BIND (window_title);
  BIND (timeline_scroller);
  BIND (timeline_list);
  BIND (event_label);
  BIND (summary_label);
  BIND (outcome_label);
  BIND (state_stack);
  BIND (step_view);
  BIND (play_button);
  BIND (speed_dropdown);
  BIND (score_report);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded);

  gtk_widget_class_install_action (widget_class, "replay.play-pause", NULL, replay_play_pause);
  gtk_widget_class_install_action (widget_class, "replay.previous", NULL, replay_previous);
  gtk_widget_class_install_action (widget_class, "replay.next", NULL, replay_next);
  gtk_widget_class_install_action (widget_class, "replay.start", NULL, replay_start);
  gtk_widget_class_install_action (widget_class, "replay.end", NULL, replay_end);
  gtk_widget_class_install_action (widget_class, "replay.show-timeline", NULL, replay_show_timeline);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gp_replay_window_init (GpReplayWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Transport keys win over the list's and buttons' own (Space would activate a row). */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_space, 0, "replay.play-pause");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Left, 0, "replay.previous");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, 0, "replay.next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Left, GDK_ALT_MASK, "replay.previous");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, GDK_ALT_MASK, "replay.next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Home, 0, "replay.start");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_End, 0, "replay.end");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* A session that played a bundled scenario is scored for the debrief, as at its end. */
static void
score_scenario (GpReplayWindow *self)
{
  GpSession *final = gp_session_replay_get_final_session (self->replay);
  const char *id = gp_session_get_scenario_id (final);
  g_autoptr(GpScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;
  scenario = gp_scenario_load_bundled (id, gp_session_get_flow (final), &error);
  if (scenario == NULL)
    {
      g_debug ("Replay: scenario %s not scored: %s", id, error->message);
      return;
    }
  self->score = gp_training_score_compute (scenario, gp_session_get_flow (final), gp_session_get_events (final));
  gp_score_report_set_score (self->score_report, self->score);
}

GtkWidget *
gp_replay_window_new (GpSessionReplay *replay)
{
  GpReplayWindow *self;
  GpFlow *flow;
  GListModel *events;
  g_autofree char *date = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (GP_IS_SESSION_REPLAY (replay), NULL);

  self = g_object_new (GP_TYPE_REPLAY_WINDOW, NULL);
  self->replay = g_object_ref (replay);
  flow = gp_session_replay_get_flow (replay);
  events = gp_session_replay_get_events (replay);

  if (g_list_model_get_n_items (events) > 0)
    {
      g_autoptr(GpEvent) first = g_list_model_get_item (events, 0);

      date = gp_format_session_time (gp_event_get_wall_time (first));
    }
  adw_window_title_set_title (self->window_title, gp_flow_get_title (flow));
  adw_window_title_set_subtitle (self->window_title, date != NULL ? date : "");
  /* Translators: the window's title, %s is the flow's title */
  {
    g_autofree char *title = g_strdup_printf (_("Replay of “%s”"), gp_flow_get_title (flow));

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  count = g_strdup_printf (ngettext ("%u event", "%u events", g_list_model_get_n_items (events)),
                           g_list_model_get_n_items (events));
  adw_window_title_set_subtitle (self->timeline_title, count);

  score_scenario (self);
  gtk_list_box_bind_model (self->timeline_list, events, create_event_row, self, NULL);
  g_signal_connect_object (replay, "notify::position", G_CALLBACK (update_position), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (replay, "notify::session", G_CALLBACK (update_position), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (replay, "notify::playing", G_CALLBACK (update_playing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (replay, "notify::speed", G_CALLBACK (update_speed), self, G_CONNECT_SWAPPED);

  update_speed (self);
  update_playing (self);
  update_position (self);
  return GTK_WIDGET (self);
}

GpSessionReplay *
gp_replay_window_get_replay (GpReplayWindow *self)
{
  g_return_val_if_fail (GP_IS_REPLAY_WINDOW (self), NULL);

  return self->replay;
}

gboolean
gp_replay_window_open (GtkWindow      *parent,
                       GpJournal      *journal,
                       GpFlowLibrary  *library,
                       const char     *session_id,
                       GError        **error)
{
  g_autoptr(GpSessionReplay) replay = NULL;
  GtkWidget *window;

  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (journal == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO, _("The journal could not be opened"));
      return FALSE;
    }
  replay = gp_session_replay_new_from_journal (journal, session_id, library, error);
  if (replay == NULL)
    return FALSE;
  window = gp_replay_window_new (replay);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}
