"""Ten-minute pieces of drawn track kept as small images, so a scrub frame copies them instead of stroking.

Stroking a wide antialiased line costs Qt about 1.5 microseconds a pixel: three orbits either side of the
time are 3,400 samples and took 5-10 ms a frame. The track under the slider does not change as the time
moves, only which part of it is shown: each ``CHUNK_S`` of it (its highlights, line and arrow) is drawn
once into an image the size of its bounding box and kept while the scale, the sub-pixel phase of the
view and the drawn layers stay the same. A pan by whole pixels moves the images; a zoom redraws them.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

CHUNK_S = 600.0
PAD_PX = 9  # room for the 7-pixel highlight and the arrow heads around the track's samples
MAX_SPRITE_PX = 600_000  # a bigger chunk (zoomed far in) is drawn as vectors, clipped to the view
MAX_SPRITES = 700  # about five days of track at 10-minute chunks, 60 MB at most at zoom 1


@dataclass
class Sprite:
    """One chunk's picture and where its top-left corner sits relative to the point (lon 0, lat 0)."""

    image: QImage
    dx: float
    dy: float


class SpriteCache:
    """Chunk pictures for one drawing context (scale, phase, layers); a new context empties it."""

    def __init__(self, max_sprites: int = MAX_SPRITES):
        self.max_sprites = max_sprites
        self._context = None
        self._sprites: OrderedDict = OrderedDict()

    def use_context(self, context) -> None:
        """Keep the pictures only if they were drawn for this context."""
        if context != self._context:
            self._context = context
            self._sprites.clear()

    def __contains__(self, key) -> bool:
        return key in self._sprites

    def __len__(self) -> int:
        return len(self._sprites)

    def get(self, key):
        """A kept sprite (None when too big to keep), or the ``missing`` marker when never drawn."""
        found = self._sprites.get(key, _MISSING)
        if found is not _MISSING:
            self._sprites.move_to_end(key)
        return found

    def put(self, key, sprite: Sprite | None) -> None:
        """Keep a chunk's sprite (None: the chunk is drawn as vectors at this scale)."""
        self._sprites[key] = sprite
        while len(self._sprites) > self.max_sprites:
            self._sprites.popitem(last=False)


_MISSING = object()
MISSING = _MISSING


def draw_sprite(p: QPainter, sprite: Sprite, origin_x: float, origin_y: float) -> None:
    """Copy a sprite to its place for a view whose (lon 0, lat 0) is at ``origin``."""
    p.drawImage(QPointF(round(origin_x + sprite.dx), round(origin_y + sprite.dy)), sprite.image)


def make_sprite(x0: float, y0: float, x1: float, y1: float, ratio: float, origin_x: float, origin_y: float,
                draw) -> Sprite | None:
    """Draw ``draw(painter)`` (widget coordinates) into an image covering ``x0..x1, y0..y1`` plus padding.

    The image's corner is put on a whole pixel of the view, so copying it back needs no resampling.
    """
    left, top = math.floor(x0) - PAD_PX, math.floor(y0) - PAD_PX
    w, h = math.ceil(x1) + PAD_PX - left, math.ceil(y1) + PAD_PX - top
    if w <= 0 or h <= 0 or w * h * ratio * ratio > MAX_SPRITE_PX:
        return None
    image = QImage(round(w * ratio), round(h * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(-left, -top)
    draw(painter)
    painter.end()
    return Sprite(image, left - origin_x, top - origin_y)
