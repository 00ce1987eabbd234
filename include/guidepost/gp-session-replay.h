/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-event.h>
#include <guidepost/gp-journal.h>
#include <guidepost/gp-session.h>

G_BEGIN_DECLS

/* Replays a recorded session for a debrief: its events as a timeline, a position in it
 * (how many events are applied) and the session as it was at that point.  Playing waits
 * the recorded gaps between events, scaled by the speed.  The replayed session has no
 * sink and is never given one: replaying writes nothing anywhere. */

typedef enum {
  GP_REPLAY_SPEED_HALF,        /* 0.5× */
  GP_REPLAY_SPEED_NORMAL,      /* 1× */
  GP_REPLAY_SPEED_DOUBLE,      /* 2× */
  GP_REPLAY_SPEED_QUADRUPLE,   /* 4× */
  GP_REPLAY_SPEED_OCTUPLE,     /* 8× */
  GP_REPLAY_SPEED_NO_WAITING,  /* one event after the other without waiting */
} GpReplaySpeed;

#define GP_TYPE_REPLAY_SPEED (gp_replay_speed_get_type ())
GType gp_replay_speed_get_type (void) G_GNUC_CONST;

/* Recorded gaps longer than this (idle time) are shortened to it before scaling. */
#define GP_REPLAY_MAX_GAP_US (5 * G_USEC_PER_SEC)

/* Returns: how long to wait, in milliseconds (rounded to the nearest), before an event
 * recorded @gap_us after the previous one: MIN (gap, GP_REPLAY_MAX_GAP_US) / speed, 0 for
 * no waiting; @shortened (optional) says whether the gap was capped. */
guint gp_replay_speed_scale_gap (GpReplaySpeed  speed,
                                 gint64         gap_us,
                                 gboolean      *shortened);

#define GP_TYPE_SESSION_REPLAY (gp_session_replay_get_type ())

G_DECLARE_FINAL_TYPE (GpSessionReplay, gp_session_replay, GP, SESSION_REPLAY, GObject)

/* @events: (element-type GpEvent): one session's events in seq order; they are checked
 * by rebuilding the whole session once.
 * Returns: (transfer full) (nullable): the replay at position 0, or NULL with a
 * GP_SESSION_ERROR when the events do not make a session of @flow */
GpSessionReplay *gp_session_replay_new              (GpFlow           *flow,
                                                     GPtrArray        *events,
                                                     GError          **error);
/* The session @session_id of @journal, with its flow looked up in @library.
 * Returns: (transfer full) (nullable): NULL with a GP_JOURNAL_ERROR (unknown session,
 * unreadable events), a GP_FLOW_ERROR (flow not in the library) or a GP_SESSION_ERROR */
GpSessionReplay *gp_session_replay_new_from_journal (GpJournal        *journal,
                                                     const char       *session_id,
                                                     GpFlowLibrary    *library,
                                                     GError          **error);

GpFlow          *gp_session_replay_get_flow         (GpSessionReplay  *self);
/* Returns: (transfer none): the timeline, a GListModel of GpEvent */
GListModel      *gp_session_replay_get_events       (GpSessionReplay  *self);
guint            gp_session_replay_get_n_events     (GpSessionReplay  *self);
/* Returns: (transfer none): the session after every event (for its outcome, totals) */
GpSession       *gp_session_replay_get_final_session (GpSessionReplay *self);

/* Returns: how many events are applied, 0 … n-events */
guint            gp_session_replay_get_position     (GpSessionReplay  *self);
/* Moves to @position (clamped to n-events): forward applies the next events to the
 * same session, backward rebuilds it from the first @position events.
 * Returns: (transfer none) (nullable): the session at @position; NULL at 0 */
GpSession       *gp_session_replay_seek             (GpSessionReplay  *self,
                                                     guint             position);
/* Returns: (transfer none) (nullable): the session at the position, NULL at 0; it is
 * replaced (notify::session) when the position moves back */
GpSession       *gp_session_replay_get_session      (GpSessionReplay  *self);

/* Playing applies one event after the other, waiting the recorded gaps scaled by the
 * speed, on the thread-default main context of whoever called play().  It stops at the
 * end and at pause-at.  Play at the end starts again from the beginning. */
void             gp_session_replay_play             (GpSessionReplay  *self);
void             gp_session_replay_pause            (GpSessionReplay  *self);
gboolean         gp_session_replay_get_playing      (GpSessionReplay  *self);
void             gp_session_replay_set_speed        (GpSessionReplay  *self,
                                                     GpReplaySpeed     speed);
GpReplaySpeed    gp_session_replay_get_speed        (GpSessionReplay  *self);
/* Playing stops when it reaches @position (0: nowhere). */
void             gp_session_replay_set_pause_at     (GpSessionReplay  *self,
                                                     guint             position);
guint            gp_session_replay_get_pause_at     (GpSessionReplay  *self);

/* Returns: microseconds between the first event and the event at @index (0-based) */
gint64           gp_session_replay_get_event_offset (GpSessionReplay  *self,
                                                     guint             index);
/* Returns: the wait in ms before the event at @index (0-based) when played at the
 * current speed; @shortened (optional) says whether a long idle gap was capped */
guint            gp_session_replay_get_delay        (GpSessionReplay  *self,
                                                     guint             index,
                                                     gboolean         *shortened);
/* Returns: the wait (ms) of the timeout now scheduled, -1 when none */
int              gp_session_replay_get_scheduled_delay (GpSessionReplay *self);

G_END_DECLS
