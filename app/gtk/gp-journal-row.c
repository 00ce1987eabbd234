/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-journal-row.h"

struct _GpJournalRow
{
  AdwActionRow      parent_instance;

  GpJournalSession *session;
};

G_DEFINE_FINAL_TYPE (GpJournalRow, gp_journal_row, ADW_TYPE_ACTION_ROW)

char *
gp_format_session_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (time == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (time) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, see the strftime(3) manual */
    return g_date_time_format (time, _("Today at %H:%M"));

  /* Translators: a date and time, see the strftime(3) manual */
  return g_date_time_format (time, _("%e %B %Y at %H:%M"));
}

const char *
gp_describe_outcome (GpJournalSession *session)
{
  const char *outcome = gp_journal_session_get_outcome (session);

  if (!gp_journal_session_get_ended (session))
    return _("Not finished");
  if (g_strcmp0 (outcome, "completed") == 0)
    return _("Completed");
  if (g_strcmp0 (outcome, "escalated") == 0)
    return _("Escalated");
  if (g_strcmp0 (outcome, "abandoned") == 0)
    return _("Abandoned");
  return _("Ended");
}

const char *
gp_describe_mode (const char *mode)
{
  if (g_strcmp0 (mode, "assisted") == 0)
    return _("Helping a customer");
  if (g_strcmp0 (mode, "self-service") == 0)
    return _("On their own");
  if (g_strcmp0 (mode, "training") == 0)
    return _("Training");
  return mode != NULL ? mode : "";
}

static void
gp_journal_row_dispose (GObject *object)
{
  GpJournalRow *self = GP_JOURNAL_ROW (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (gp_journal_row_parent_class)->dispose (object);
}

static void
gp_journal_row_class_init (GpJournalRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gp_journal_row_dispose;
}

static void
gp_journal_row_init (GpJournalRow *self)
{
  /* Titles come from flow files: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);
  gtk_widget_add_css_class (GTK_WIDGET (self), "journal-row");
}

GtkWidget *
gp_journal_row_new (GpJournalSession *session,
                    GpFlowLibrary    *library,
                    GpJournalRowKind  kind,
                    const char       *step_title)
{
  GpJournalRow *self;
  GpFlow *flow;
  g_autofree char *started = NULL;
  g_autofree char *subtitle = NULL;
  guint n_events;

  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (session), NULL);
  g_return_val_if_fail (library == NULL || GP_IS_FLOW_LIBRARY (library), NULL);

  self = g_object_new (GP_TYPE_JOURNAL_ROW, NULL);
  self->session = g_object_ref (session);

  flow = library != NULL ? gp_flow_library_lookup (library, gp_journal_session_get_flow_id (session)) : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 flow != NULL ? gp_flow_get_title (flow)
                                              : gp_journal_session_get_flow_id (session));

  started = gp_format_session_time (gp_journal_session_get_started (session));
  n_events = (guint) MIN (gp_journal_session_get_n_events (session), G_MAXUINT);

  switch (kind)
    {
    case GP_JOURNAL_ROW_CONTINUE:
      if (step_title != NULL)
        /* Translators: when an unfinished session started · the step it stopped at */
        subtitle = g_strdup_printf (_("%s · Stopped at “%s”"), started, step_title);
      else
        subtitle = g_strdup (started);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
      break;

    case GP_JOURNAL_ROW_RECENT:
      /* Translators: when a session started · how it ended */
      subtitle = g_strdup_printf (_("%s · %s"), started, gp_describe_outcome (session));
      /* A finished session opens as its replay. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), gtk_image_new_from_icon_name ("media-playback-start-symbolic"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Replay this session"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
      break;

    case GP_JOURNAL_ROW_RECORD:
    default:
      /* Translators: mode · when the session started · how it ended · number of events */
      subtitle = g_strdup_printf (ngettext ("%s · %s · %s · %u event",
                                            "%s · %s · %s · %u events",
                                            (gulong) n_events),
                                  gp_describe_mode (gp_journal_session_get_mode (session)),
                                  started, gp_describe_outcome (session), n_events);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  return GTK_WIDGET (self);
}

GpJournalSession *
gp_journal_row_get_session (GpJournalRow *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_ROW (self), NULL);

  return self->session;
}
