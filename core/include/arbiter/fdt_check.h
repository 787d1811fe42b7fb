/* SPDX-License-Identifier: MIT */
#ifndef ARBITER_FDT_CHECK_H
#define ARBITER_FDT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when `blob` (of `size` bytes) is a well-formed flattened device tree
 * (version 17): header within size, one root node, balanced nesting, every
 * name and property inside its block, property names inside the strings
 * block, ending with FDT_END. libfdt may read it safely afterwards.
 */
bool fdt_blob_valid(const void *blob, size_t size);

#endif
