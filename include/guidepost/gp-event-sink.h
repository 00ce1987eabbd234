/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-event.h>

G_BEGIN_DECLS

/* Where a session makes its events durable (the journal).  A session calls append()
 * before it reports an event applied; when append() fails the session keeps the event in
 * memory as unsaved and offers it again (in order) on its next event or flush. */

#define GP_TYPE_EVENT_SINK (gp_event_sink_get_type ())

G_DECLARE_INTERFACE (GpEventSink, gp_event_sink, GP, EVENT_SINK, GObject)

struct _GpEventSinkInterface
{
  GTypeInterface parent_iface;

  /* Called once per session before its first event, with what a list of sessions shows. */
  gboolean (*begin_session) (GpEventSink  *self,
                             const char   *session_id,
                             const char   *flow_id,
                             const char   *flow_version,
                             const char   *mode,
                             GError      **error);
  /* Durable when it returns TRUE. */
  gboolean (*append)        (GpEventSink  *self,
                             GpEvent      *event,
                             GError      **error);
};

gboolean gp_event_sink_begin_session (GpEventSink  *self,
                                      const char   *session_id,
                                      const char   *flow_id,
                                      const char   *flow_version,
                                      const char   *mode,
                                      GError      **error);
gboolean gp_event_sink_append        (GpEventSink  *self,
                                      GpEvent      *event,
                                      GError      **error);

G_END_DECLS
