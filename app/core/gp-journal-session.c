/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <guidepost/gp-journal-session.h>

#include "gp-journal-private.h"

struct _GpJournalSession
{
  GObject parent_instance;

  char    *id;
  char    *flow_id;
  char    *flow_version;
  char    *mode;
  gint64   started;
  gint64   last_event_time;
  guint64  n_events;
  char    *outcome;
  gboolean ended;
};

G_DEFINE_FINAL_TYPE (GpJournalSession, gp_journal_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FLOW_ID,
  PROP_FLOW_VERSION,
  PROP_MODE,
  PROP_STARTED,
  PROP_LAST_EVENT_TIME,
  PROP_N_EVENTS,
  PROP_ENDED,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gp_journal_session_finalize (GObject *object)
{
  GpJournalSession *self = GP_JOURNAL_SESSION (object);

  g_free (self->id);
  g_free (self->flow_id);
  g_free (self->flow_version);
  g_free (self->mode);
  g_free (self->outcome);

  G_OBJECT_CLASS (gp_journal_session_parent_class)->finalize (object);
}

static void
gp_journal_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GpJournalSession *self = GP_JOURNAL_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:              g_value_set_string (value, self->id); break;
    case PROP_FLOW_ID:         g_value_set_string (value, self->flow_id); break;
    case PROP_FLOW_VERSION:    g_value_set_string (value, self->flow_version); break;
    case PROP_MODE:            g_value_set_string (value, self->mode); break;
    case PROP_STARTED:         g_value_set_int64 (value, self->started); break;
    case PROP_LAST_EVENT_TIME: g_value_set_int64 (value, self->last_event_time); break;
    case PROP_N_EVENTS:        g_value_set_uint64 (value, self->n_events); break;
    case PROP_ENDED:           g_value_set_boolean (value, self->ended); break;
    case PROP_OUTCOME:         g_value_set_string (value, self->outcome); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_journal_session_class_init (GpJournalSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gp_journal_session_finalize;
  object_class->get_property = gp_journal_session_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_ID] = g_param_spec_string ("flow-id", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_VERSION] = g_param_spec_string ("flow-version", NULL, NULL, NULL, flags);
  properties[PROP_MODE] = g_param_spec_string ("mode", NULL, NULL, NULL, flags);
  properties[PROP_STARTED] = g_param_spec_int64 ("started", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_EVENT_TIME] = g_param_spec_int64 ("last-event-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_EVENTS] = g_param_spec_uint64 ("n-events", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ENDED] = g_param_spec_boolean ("ended", NULL, NULL, FALSE, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gp_journal_session_init (GpJournalSession *self)
{
}

GpJournalSession *
gp_journal_session_new (const char *id,
                        const char *flow_id,
                        const char *flow_version,
                        const char *mode,
                        gint64      started)
{
  GpJournalSession *self = g_object_new (GP_TYPE_JOURNAL_SESSION, NULL);

  self->id = g_strdup (id);
  self->flow_id = g_strdup (flow_id);
  self->flow_version = g_strdup (flow_version);
  self->mode = g_strdup (mode);
  self->started = started;
  return self;
}

void
gp_journal_session_set_events (GpJournalSession *self,
                               guint64           n_events,
                               gint64            first_event_time,
                               gint64            last_event_time)
{
  g_assert (GP_IS_JOURNAL_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (n_events > 0 && self->n_events == 0 && first_event_time != self->started)
    {
      self->started = first_event_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED]);
    }
  if (self->n_events != n_events)
    {
      self->n_events = n_events;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
    }
  if (self->last_event_time != last_event_time)
    {
      self->last_event_time = last_event_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EVENT_TIME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
gp_journal_session_set_mode (GpJournalSession *self,
                             const char       *mode)
{
  g_assert (GP_IS_JOURNAL_SESSION (self));

  if (g_strcmp0 (self->mode, mode) != 0)
    {
      g_free (self->mode);
      self->mode = g_strdup (mode);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
}

void
gp_journal_session_set_ended (GpJournalSession *self,
                              const char       *outcome)
{
  g_assert (GP_IS_JOURNAL_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->ended)
    {
      self->ended = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
    }
  if (g_strcmp0 (self->outcome, outcome) != 0)
    {
      g_free (self->outcome);
      self->outcome = g_strdup (outcome);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
gp_journal_session_get_id (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), NULL);
  return self->id;
}

const char *
gp_journal_session_get_flow_id (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), NULL);
  return self->flow_id;
}

const char *
gp_journal_session_get_flow_version (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), NULL);
  return self->flow_version;
}

const char *
gp_journal_session_get_mode (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), NULL);
  return self->mode;
}

gint64
gp_journal_session_get_started (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), 0);
  return self->started;
}

gint64
gp_journal_session_get_last_event_time (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), 0);
  return self->last_event_time;
}

guint64
gp_journal_session_get_n_events (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), 0);
  return self->n_events;
}

gboolean
gp_journal_session_get_ended (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), FALSE);
  return self->ended;
}

const char *
gp_journal_session_get_outcome (GpJournalSession *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL_SESSION (self), NULL);
  return self->outcome;
}
