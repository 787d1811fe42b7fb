// SPDX-License-Identifier: MIT
/*
 * The chaos guest's assembly (entry.S: re-entry point, vectors, the
 * checked call, bad immediates), assembled through this file because the
 * guest build links each guest's *.c (mk/chaos.mk adds the dependency).
 */
__asm__(".include \"guests/chaos/entry.S\"");
