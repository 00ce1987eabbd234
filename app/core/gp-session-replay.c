/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <guidepost/gp-flow.h>
#include <guidepost/gp-flow-library.h>
#include <guidepost/gp-session-replay.h>

G_DEFINE_ENUM_TYPE (GpReplaySpeed, gp_replay_speed,
  G_DEFINE_ENUM_VALUE (GP_REPLAY_SPEED_HALF, "half"),
  G_DEFINE_ENUM_VALUE (GP_REPLAY_SPEED_NORMAL, "normal"),
  G_DEFINE_ENUM_VALUE (GP_REPLAY_SPEED_DOUBLE, "double"),
  G_DEFINE_ENUM_VALUE (GP_REPLAY_SPEED_QUADRUPLE, "quadruple"),
  G_DEFINE_ENUM_VALUE (GP_REPLAY_SPEED_OCTUPLE, "octuple"),
  G_DEFINE_ENUM_VALUE (GP_REPLAY_SPEED_NO_WAITING, "no-waiting"))

/* A forward seek of more events than this rebuilds the session instead of applying them
 * one by one: rebuilding emits no per-event signals for views to follow. */
#define MAX_INCREMENTAL_EVENTS 16

struct _GpSessionReplay
{
  GObject        parent_instance;

  GpFlow        *flow;
  GPtrArray     *events;          /* GpEvent, in seq order */
  GListStore    *timeline;        /* the same events, as a model */
  GpSession     *final_session;

  GpSession     *session;         /* at position; NULL at 0 */
  guint          position;
  gboolean       playing;
  GpReplaySpeed  speed;
  guint          pause_at;

  GMainContext  *context;         /* where play() was called */
  GSource       *timeout;
  int            scheduled_delay;
};

G_DEFINE_FINAL_TYPE (GpSessionReplay, gp_session_replay, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FLOW,
  PROP_SESSION,
  PROP_N_EVENTS,
  PROP_POSITION,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_PAUSE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint
gp_replay_speed_scale_gap (GpReplaySpeed  speed,
                           gint64         gap_us,
                           gboolean      *shortened)
{
  /* Twice the speed factor, so that 0.5× stays an integer. */
  static const gint64 twice_factor[] = { 1, 2, 4, 8, 16 };
  gboolean capped = gap_us > GP_REPLAY_MAX_GAP_US;
  gint64 scaled_us;

  gap_us = CLAMP (gap_us, 0, GP_REPLAY_MAX_GAP_US);
  if (shortened != NULL)
    *shortened = capped;
  if ((guint) speed >= G_N_ELEMENTS (twice_factor))
    return 0;

  scaled_us = gap_us * 2 / twice_factor[speed];
  return (guint) ((scaled_us + 500) / 1000);
}

static void
cancel_timeout (GpSessionReplay *self)
{
  if (self->timeout != NULL)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }
  self->scheduled_delay = -1;
}

static void
gp_session_replay_dispose (GObject *object)
{
  GpSessionReplay *self = GP_SESSION_REPLAY (object);

  cancel_timeout (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->final_session);

  G_OBJECT_CLASS (gp_session_replay_parent_class)->dispose (object);
}

static void
gp_session_replay_finalize (GObject *object)
{
  GpSessionReplay *self = GP_SESSION_REPLAY (object);

  g_clear_object (&self->timeline);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (gp_session_replay_parent_class)->finalize (object);
}

static void
gp_session_replay_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GpSessionReplay *self = GP_SESSION_REPLAY (object);

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, self->flow);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->events->len);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_enum (value, self->speed);
      break;
    case PROP_PAUSE_AT:
      g_value_set_uint (value, self->pause_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_replay_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GpSessionReplay *self = GP_SESSION_REPLAY (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      gp_session_replay_seek (self, g_value_get_uint (value));
      break;
    case PROP_PLAYING:
      if (g_value_get_boolean (value))
        gp_session_replay_play (self);
      else
        gp_session_replay_pause (self);
      break;
    case PROP_SPEED:
      gp_session_replay_set_speed (self, g_value_get_enum (value));
      break;
    case PROP_PAUSE_AT:
      gp_session_replay_set_pause_at (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_replay_class_init (GpSessionReplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_session_replay_dispose;
  object_class->finalize = gp_session_replay_finalize;
  object_class->get_property = gp_session_replay_get_property;
  object_class->set_property = gp_session_replay_set_property;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, GP_TYPE_FLOW,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_enum ("speed", NULL, NULL, GP_TYPE_REPLAY_SPEED, GP_REPLAY_SPEED_NORMAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSE_AT] =
    g_param_spec_uint ("pause-at", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gp_session_replay_init (GpSessionReplay *self)
{
  self->speed = GP_REPLAY_SPEED_NORMAL;
  self->scheduled_delay = -1;
}

GpSessionReplay *
gp_session_replay_new (GpFlow     *flow,
                       GPtrArray  *events,
                       GError    **error)
{
  g_autoptr(GpSessionReplay) self = NULL;
  g_autoptr(GpSession) final_session = NULL;

  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  final_session = gp_session_new_from_events (flow, events, error);
  if (final_session == NULL)
    return NULL;

  self = g_object_new (GP_TYPE_SESSION_REPLAY, NULL);
  self->flow = g_object_ref (flow);
  self->final_session = g_steal_pointer (&final_session);
  self->events = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (self->events, g_object_ref (g_ptr_array_index (events, i)));
  self->timeline = g_list_store_new (GP_TYPE_EVENT);
  g_list_store_splice (self->timeline, 0, 0, self->events->pdata, self->events->len);

  return g_steal_pointer (&self);
}

GpSessionReplay *
gp_session_replay_new_from_journal (GpJournal      *journal,
                                    const char     *session_id,
                                    GpFlowLibrary  *library,
                                    GError        **error)
{
  GpJournalSession *listed;
  GpFlow *flow;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (GP_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  listed = gp_journal_find_session (journal, session_id);
  if (listed == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION,
                   "%s: no session %s", gp_journal_get_path (journal), session_id);
      return NULL;
    }

  flow = gp_flow_library_lookup (library, gp_journal_session_get_flow_id (listed));
  if (flow == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FAILED,
                   "session %s follows flow “%s”, which is not in the flow library",
                   session_id, gp_journal_session_get_flow_id (listed));
      return NULL;
    }

  events = gp_journal_load_events (journal, session_id, error);
  if (events == NULL)
    return NULL;

  return gp_session_replay_new (flow, events, error);
}

GpFlow *
gp_session_replay_get_flow (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), NULL);

  return self->flow;
}

GListModel *
gp_session_replay_get_events (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), NULL);

  return G_LIST_MODEL (self->timeline);
}

guint
gp_session_replay_get_n_events (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), 0);

  return self->events->len;
}

GpSession *
gp_session_replay_get_final_session (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), NULL);

  return self->final_session;
}

guint
gp_session_replay_get_position (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), 0);

  return self->position;
}

GpSession *
gp_session_replay_get_session (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), NULL);

  return self->session;
}

/* Moves the session to @position without notifying.
 * Returns: whether the session object was replaced */
static gboolean
move_to (GpSessionReplay *self,
         guint            position)
{
  g_autoptr(GError) error = NULL;
  GpSession *before = self->session;

  g_assert (position <= self->events->len);

  if (position > self->position && self->session != NULL &&
      position - self->position <= MAX_INCREMENTAL_EVENTS)
    {
      for (guint i = self->position; i < position; i++)
        {
          /* Events checked when the replay was built: a refusal is a bug of ours. */
          if (!gp_session_apply_remote_event (self->session, g_ptr_array_index (self->events, i), &error))
            g_error ("replaying event %u: %s", i + 1, error->message);
          self->position = i + 1;
        }
      return FALSE;
    }

  if (position == 0)
    {
      g_clear_object (&self->session);
    }
  else
    {
      /* A prefix view of our array: new_from_events only reads it. */
      g_autoptr(GPtrArray) prefix = g_ptr_array_sized_new (position);
      GpSession *session;

      for (guint i = 0; i < position; i++)
        g_ptr_array_add (prefix, g_ptr_array_index (self->events, i));
      session = gp_session_new_from_events (self->flow, prefix, &error);
      if (session == NULL)
        g_error ("replaying the first %u events: %s", position, error->message);
      g_clear_object (&self->session);
      self->session = session;
    }
  self->position = position;
  return self->session != before;
}

static void schedule_next (GpSessionReplay *self);

static gboolean
on_timeout (gpointer user_data)
{
  GpSessionReplay *self = user_data;
  gboolean replaced;
  gboolean stop;

  g_clear_pointer (&self->timeout, g_source_unref);
  self->scheduled_delay = -1;

  replaced = move_to (self, self->position + 1);
  stop = self->position >= self->events->len || self->position == self->pause_at;
  if (stop)
    self->playing = FALSE;
  else
    schedule_next (self);

  /* The next wait is already scheduled when position is notified. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  if (replaced)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  if (stop && !self->playing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);

  return G_SOURCE_REMOVE;
}

static void
schedule_next (GpSessionReplay *self)
{
  guint delay;

  g_assert (self->playing);
  g_assert (self->position < self->events->len);

  cancel_timeout (self);
  delay = gp_session_replay_get_delay (self, self->position, NULL);
  self->timeout = g_timeout_source_new (delay);
  /* Without waiting, drawing (a higher priority) still happens between events. */
  g_source_set_priority (self->timeout, delay == 0 ? G_PRIORITY_DEFAULT_IDLE : G_PRIORITY_DEFAULT);
  g_source_set_callback (self->timeout, on_timeout, self, NULL);
  g_source_set_static_name (self->timeout, "[guidepost] replay");
  g_source_attach (self->timeout, self->context);
  self->scheduled_delay = (int) MIN (delay, (guint) G_MAXINT);
}

GpSession *
gp_session_replay_seek (GpSessionReplay *self,
                        guint            position)
{
  gboolean replaced;
  gboolean stopped = FALSE;

  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), NULL);

  position = MIN (position, self->events->len);
  if (position == self->position)
    return self->session;

  replaced = move_to (self, position);
  if (self->playing)
    {
      if (self->position < self->events->len)
        schedule_next (self);
      else
        {
          cancel_timeout (self);
          self->playing = FALSE;
          stopped = TRUE;
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  if (replaced)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  if (stopped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  return self->session;
}

void
gp_session_replay_play (GpSessionReplay *self)
{
  g_return_if_fail (GP_IS_SESSION_REPLAY (self));

  if (self->playing || self->events->len == 0)
    return;

  if (self->position >= self->events->len)
    gp_session_replay_seek (self, 0);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->playing = TRUE;
  schedule_next (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
gp_session_replay_pause (GpSessionReplay *self)
{
  g_return_if_fail (GP_IS_SESSION_REPLAY (self));

  if (!self->playing)
    return;

  cancel_timeout (self);
  self->playing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
gp_session_replay_get_playing (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), FALSE);

  return self->playing;
}

void
gp_session_replay_set_speed (GpSessionReplay *self,
                             GpReplaySpeed    speed)
{
  g_return_if_fail (GP_IS_SESSION_REPLAY (self));
  g_return_if_fail (speed <= GP_REPLAY_SPEED_NO_WAITING);

  if (self->speed == speed)
    return;

  self->speed = speed;
  /* The wait for the next event starts again at the new speed. */
  if (self->playing)
    schedule_next (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

GpReplaySpeed
gp_session_replay_get_speed (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), GP_REPLAY_SPEED_NORMAL);

  return self->speed;
}

void
gp_session_replay_set_pause_at (GpSessionReplay *self,
                                guint            position)
{
  g_return_if_fail (GP_IS_SESSION_REPLAY (self));

  if (self->pause_at == position)
    return;

  self->pause_at = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE_AT]);
}

guint
gp_session_replay_get_pause_at (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), 0);

  return self->pause_at;
}

gint64
gp_session_replay_get_event_offset (GpSessionReplay *self,
                                    guint            index)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), 0);
  g_return_val_if_fail (index < self->events->len, 0);

  return gp_event_get_monotonic_time (g_ptr_array_index (self->events, index)) -
         gp_event_get_monotonic_time (g_ptr_array_index (self->events, 0));
}

guint
gp_session_replay_get_delay (GpSessionReplay *self,
                             guint            index,
                             gboolean        *shortened)
{
  gint64 gap_us = 0;

  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), 0);
  g_return_val_if_fail (index < self->events->len, 0);

  if (index > 0)
    gap_us = gp_event_get_monotonic_time (g_ptr_array_index (self->events, index)) -
             gp_event_get_monotonic_time (g_ptr_array_index (self->events, index - 1));
  return gp_replay_speed_scale_gap (self->speed, gap_us, shortened);
}

int
gp_session_replay_get_scheduled_delay (GpSessionReplay *self)
{
  g_return_val_if_fail (GP_IS_SESSION_REPLAY (self), -1);

  return self->scheduled_delay;
}
