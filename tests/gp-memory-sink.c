/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-memory-sink.h"

struct _GpMemorySink
{
  GObject    parent_instance;

  GPtrArray *events;
  gboolean   failing;
  guint      n_begins;
  guint      n_refused;
};

static void gp_memory_sink_iface_init (GpEventSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GpMemorySink, gp_memory_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GP_TYPE_EVENT_SINK, gp_memory_sink_iface_init))

static gboolean
refuse (GpMemorySink  *self,
        GError       **error)
{
  self->n_refused++;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on the test sink");
  return FALSE;
}

static gboolean
gp_memory_sink_begin_session (GpEventSink  *sink,
                              const char   *session_id,
                              const char   *flow_id,
                              const char   *flow_version,
                              const char   *mode,
                              GError      **error)
{
  GpMemorySink *self = GP_MEMORY_SINK (sink);

  if (self->failing)
    return refuse (self, error);
  self->n_begins++;
  return TRUE;
}

static gboolean
gp_memory_sink_append (GpEventSink  *sink,
                       GpEvent      *event,
                       GError      **error)
{
  GpMemorySink *self = GP_MEMORY_SINK (sink);

  if (self->failing)
    return refuse (self, error);
  g_ptr_array_add (self->events, g_object_ref (event));
  return TRUE;
}

static void
gp_memory_sink_iface_init (GpEventSinkInterface *iface)
{
  iface->begin_session = gp_memory_sink_begin_session;
  iface->append = gp_memory_sink_append;
}

static void
gp_memory_sink_finalize (GObject *object)
{
  GpMemorySink *self = GP_MEMORY_SINK (object);

  g_ptr_array_unref (self->events);
  G_OBJECT_CLASS (gp_memory_sink_parent_class)->finalize (object);
}

static void
gp_memory_sink_class_init (GpMemorySinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_memory_sink_finalize;
}

static void
gp_memory_sink_init (GpMemorySink *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

GpMemorySink *
gp_memory_sink_new (void)
{
  return g_object_new (GP_TYPE_MEMORY_SINK, NULL);
}

void
gp_memory_sink_set_failing (GpMemorySink *self,
                            gboolean      failing)
{
  g_return_if_fail (GP_IS_MEMORY_SINK (self));
  self->failing = !!failing;
}

GPtrArray *
gp_memory_sink_get_events (GpMemorySink *self)
{
  g_return_val_if_fail (GP_IS_MEMORY_SINK (self), NULL);
  return self->events;
}

guint
gp_memory_sink_get_n_begins (GpMemorySink *self)
{
  g_return_val_if_fail (GP_IS_MEMORY_SINK (self), 0);
  return self->n_begins;
}

guint
gp_memory_sink_get_n_refused (GpMemorySink *self)
{
  g_return_val_if_fail (GP_IS_MEMORY_SINK (self), 0);
  return self->n_refused;
}
