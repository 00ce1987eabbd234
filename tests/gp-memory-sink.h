/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/guidepost.h>

G_BEGIN_DECLS

/* A GpEventSink for tests: keeps events in memory and can be told to fail. */

#define GP_TYPE_MEMORY_SINK (gp_memory_sink_get_type ())

G_DECLARE_FINAL_TYPE (GpMemorySink, gp_memory_sink, GP, MEMORY_SINK, GObject)

GpMemorySink *gp_memory_sink_new          (void);
/* While failing, begin_session() and append() refuse with G_IO_ERROR_NO_SPACE. */
void          gp_memory_sink_set_failing  (GpMemorySink *self,
                                           gboolean      failing);
/* Returns: (transfer none) (element-type GpEvent): the events appended, in order */
GPtrArray    *gp_memory_sink_get_events   (GpMemorySink *self);
guint         gp_memory_sink_get_n_begins (GpMemorySink *self);
guint         gp_memory_sink_get_n_refused (GpMemorySink *self);

G_END_DECLS
