/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <guidepost/gp-event-sink.h>

G_DEFINE_INTERFACE (GpEventSink, gp_event_sink, G_TYPE_OBJECT)

static void
gp_event_sink_default_init (GpEventSinkInterface *iface)
{
}

gboolean
gp_event_sink_begin_session (GpEventSink  *self,
                             const char   *session_id,
                             const char   *flow_id,
                             const char   *flow_version,
                             const char   *mode,
                             GError      **error)
{
  GpEventSinkInterface *iface;

  g_return_val_if_fail (GP_IS_EVENT_SINK (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = GP_EVENT_SINK_GET_IFACE (self);
  if (iface->begin_session == NULL)
    return TRUE;
  return iface->begin_session (self, session_id, flow_id, flow_version, mode, error);
}

gboolean
gp_event_sink_append (GpEventSink  *self,
                      GpEvent      *event,
                      GError      **error)
{
  GpEventSinkInterface *iface;

  g_return_val_if_fail (GP_IS_EVENT_SINK (self), FALSE);
  g_return_val_if_fail (GP_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = GP_EVENT_SINK_GET_IFACE (self);
  g_return_val_if_fail (iface->append != NULL, FALSE);
  return iface->append (self, event, error);
}
